import { expect, test } from '@playwright/test';

/** Nothing leaves the machine: every request the studio makes stays on its own origin. */
test('the studio makes no request outside its own origin', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(baseURL!) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  // Workers' requests (module imports, wasm) go through the page's context too.
  page.context().on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(baseURL!) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  await page.goto('/');
  await expect(page.getByTestId('view-xy')).toBeVisible();
  await expect(page.getByTestId('backend')).toHaveText(/compute: \w+/, { timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  expect(foreign).toEqual([]);
});
