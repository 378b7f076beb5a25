// Opens each page URL given on the command line in headless Chromium (Debian's, driven by
// playwright-core), waits until the page's title is "done", and prints every page's #out as one JSON
// object: {"page1": ..., "page2": ...}. Used by BrowserWebSocketTest.
const { chromium } = require('playwright-core');

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const results = {};
    for (let i = 2; i < process.argv.length; i++) {
      const page = await browser.newPage();
      await page.goto(process.argv[i]);
      await page.waitForFunction(() => document.title === 'done', null, { timeout: 30000 });
      results['page' + (i - 1)] = JSON.parse(await page.textContent('#out'));
      await page.close();
    }
    console.log(JSON.stringify(results));
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(String(e && e.stack || e));
  process.exit(1);
});
