// Package browsertest renders an HTML file in headless Chromium at chosen
// viewport widths and checks what a person would see: that the window is
// as wide as asked, that nothing overflows it horizontally, that the page
// fetches nothing, and that the elements a test names are there. It keeps a
// full-page screenshot per width and one print to PDF.
//
// The browser is Debian's Chromium, driven through the DevTools protocol by
// puppeteer-core from npm (its setViewport sets the device metrics; the
// command line's --window-size would be clamped to 500 px by headless
// Chromium). The Node script that does it, check.mjs, is embedded here.
// .ci/browser-setup installs both and prints the NORMLINT_PUPPETEER_DIR to
// set.
//
// Environment:
//
//	NORMLINT_PUPPETEER_DIR  folder whose node_modules holds puppeteer-core
//	                        (default: normlint-browser in the user's cache folder)
//	NORMLINT_CHROMIUM       the browser (default: chromium on PATH)
//	NORMLINT_ARTIFACTS      absolute folder for screenshots and PDFs (default: a
//	                        temporary folder of the test)
//	NORMLINT_BROWSER_TEST   "required" makes a missing browser, Node or
//	                        puppeteer-core fail the test instead of skipping it
package browsertest
