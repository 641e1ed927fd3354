// The browser's Back and Forward buttons, and how a page came back: restored from the back-forward
// cache or fetched again. Shared by the scenarios of a shared school computer.

/**
 * Starts noting how each top-level page arrives (CDP `Page.frameNavigated`'s type). The returned
 * object is what `travel` reads and resets.
 */
export async function watchNavigations(context, page) {
  const lastNavigation = { type: null };
  const cdp = await context.newCDPSession(page);
  await cdp.send('Page.enable');
  cdp.on('Page.frameNavigated', (e) => { if (!e.frame.parentId) lastNavigation.type = e.type; });
  return lastNavigation;
}

/**
 * Back or Forward like the browser buttons. A page restored from the back-forward cache fires no
 * `load`, so this waits for the commit only; the CDP event tells how the page came back, which the
 * returned text says (for assertion messages).
 */
export async function travel(page, how, lastNavigation) {
  lastNavigation.type = null;
  const response = how === 'back'
    ? await page.goBack({ waitUntil: 'commit' })
    : await page.goForward({ waitUntil: 'commit' });
  // Not waitForLoadState: playwright waits forever for a restored page's lifecycle events.
  for (let i = 0; i < 100; i++) {
    const state = await page.evaluate(() => document.readyState).catch(() => 'loading');
    if (state !== 'loading') break;
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(300);
  if (lastNavigation.type === 'BackForwardCacheRestore') return ' (page restored from the back-forward cache)';
  return response ? ` (page fetched again: HTTP ${response.status()})` : '';
}
