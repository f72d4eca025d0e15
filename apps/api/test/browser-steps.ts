import type { Page } from 'playwright-core';

/**
 * Steps more than one browser spec takes on the staff screens (one copy each): following an
 * import warning to its line and fixing it there, and marking an answer from the keyboard.
 */

/** Fixes the line a warning points to, in place, and waits until the document is read again without that warning. */
export async function fixWarningLine(page: Page, line: number, replacement: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^第 ${line} 行`) }).click();
  const source = page.locator(`#source-line-${line}`);
  await expect(source.getAttribute('aria-current')).resolves.toBe('true');
  // Scrolled to: the highlighted line comes inside the visible part of the source pane.
  await page.waitForFunction((id) => {
    const element = document.getElementById(id);
    const pane = element?.closest('.import-source')?.getBoundingClientRect();
    const box = element?.getBoundingClientRect();
    return pane !== undefined && box !== undefined && box.top >= pane.top && box.top <= pane.bottom;
  }, `source-line-${line}`);
  await page.getByLabel(`修改第 ${line} 行`).fill(replacement);
  await page.getByRole('button', { name: '应用并重新识别' }).click();
  await page.getByRole('button', { name: new RegExp(`^第 ${line} 行`) }).waitFor({ state: 'detached' });
}

/** Waits until the marking form's score field `index` (0 = the first criterion) has the focus. */
export const focusedScore = (page: Page, index: number) => page.waitForFunction((i) => document.activeElement?.id.endsWith(`-score-${i}`) ?? false, index);

/** Scores typed from the keyboard: the first score has focus, Tab moves on, Enter submits and opens the next answer. */
export async function markByKeyboard(page: Page, scores: string[]): Promise<void> {
  await focusedScore(page, 0);
  for (const [index, score] of scores.entries()) {
    if (index > 0) await page.keyboard.press('Tab');
    await focusedScore(page, index);
    await page.keyboard.type(score);
  }
  await page.keyboard.press('Enter');
}
