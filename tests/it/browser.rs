//! The browser journey, in headless Chromium driven through chromedriver.
//! Skipped only when TIENDA_SKIP_BROWSER=1; the test command installs both.
