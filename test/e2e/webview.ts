// Webviews in the workbench are nested iframes: an outer frame per webview (its URL carries the
// webview's id) holding the page's own frame. These helpers find the page's frame by what it shows.
import type { Frame, Page } from 'playwright-core';
import { poll } from './workbench';

/** The frame (of any webview) that has an element matching `selector`; waits for it to appear. */
export async function webviewFrame(page: Page, selector: string, timeout = 30_000): Promise<Frame> {
  return poll(
    async () => {
      // Webview frames only: their URLs carry an `id=` (the main page's does not).
      for (const f of page.frames().filter((fr) => fr !== page.mainFrame() && /[?&]id=/.test(fr.url()))) {
        if ((await f.locator(selector).count().catch(() => 0)) > 0) return f;
      }
      return undefined;
    },
    () => `no webview frame shows ${selector}; frames: ${page.frames().map((f) => f.url().slice(0, 120)).join(' | ')}`,
    timeout,
    250,
  );
}

/** Waits until `fn` in the frame returns something truthy (re-finding the frame if the webview reloaded). */
export async function waitInFrame<T>(page: Page, selector: string, fn: (f: Frame) => Promise<T | undefined | false>, what: string, timeout = 30_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: Error | undefined;
  return poll(
    async () => {
      try {
        return (await fn(await webviewFrame(page, selector, Math.max(1000, deadline - Date.now())))) || undefined;
      } catch (err) {
        last = err as Error;
        return undefined;
      }
    },
    () => `${what}${last ? `: ${last.message}` : ''}`,
    timeout,
    250,
  );
}
