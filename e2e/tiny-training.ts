import type { Locator, Page } from '@playwright/test';
import type { Ball } from './balls-mrc.ts';

/** The training specs' scene: six balls of the demo's class 3 in a small tomogram. */
export const TRAINING_SCENE = {
  size: { nx: 48, ny: 48, nz: 32 },
  /** Å: class 3 of the demo ("lobed", radius 50 Å) is then 5 voxels. */
  voxel: 10,
  classId: 3,
  balls: [
    { x: 10, y: 12, z: 9 },
    { x: 36, y: 10, z: 20 },
    { x: 24, y: 30, z: 12 },
    { x: 10, y: 38, z: 22 },
    { x: 38, y: 36, z: 10 },
    { x: 22, y: 18, z: 24 },
  ] as readonly Ball[],
};

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
