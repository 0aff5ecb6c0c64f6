import type { Locator, Page } from '@playwright/test';

/**
 * The training form set for a network small enough to train in seconds on a loaded CPU runner
 * (16³ patches, width 4, depth 1, batch 2, lr 0.01): shared by the training e2e specs.
 */
export async function useTinyNetwork(page: Page, panel: Locator, checkpointEvery: number): Promise<void> {
  await page.getByTestId('train-batchSize').fill('2');
  await page.getByTestId('train-learningRate').fill('0.01');
  await page.getByTestId('train-checkpointEvery').fill(String(checkpointEvery));
  await panel.getByText('network (overrides the size)').click();
  await page.getByTestId('train-patch').fill('16');
  await page.getByTestId('train-baseWidth').fill('4');
  await page.getByTestId('train-depth').fill('1');
}
