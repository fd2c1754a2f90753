#!/usr/bin/env python3
"""Drives the staff web interface with a real browser (Chromium through Selenium and Debian's
chromium-driver), as two members of staff would: used by Tests/CLITests/WebServerTests.swift and by
docs/make-samples.sh (for the screenshots in docs/samples/).

    browser-check.py BASE_URL SCREENSHOT_DIR USER:PASSWORD OTHER_USER:PASSWORD

The store behind BASE_URL must be a copy of the sample store. Prints one JSON object with what it saw.
"""
import base64
import json
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

base, shots, first, second = sys.argv[1:5]


def browser(credentials):
    options = Options()
    for path in ('/usr/bin/chromium', '/usr/bin/chromium-browser'):
        try:
            open(path).close()
            options.binary_location = path
            break
        except OSError:
            pass
    for arg in ('--headless=new', '--no-sandbox', '--disable-gpu', '--window-size=1200,1500',
                '--user-data-dir=' + tempfile.mkdtemp(prefix='visits-browser-')):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=options)
    # Basic authentication as the web server asks for it, on every request of this browser.
    token = base64.b64encode(credentials.encode()).decode()
    driver.execute_cdp_cmd('Network.enable', {})
    driver.execute_cdp_cmd('Network.setExtraHTTPHeaders', {'headers': {'Authorization': 'Basic ' + token}})
    return driver


def wait_for(driver, test):
    """Waits (up to 30 s) until the page after a submit shows what `test` looks for."""
    def check(d):
        try:
            return test(d)
        except Exception:  # the page is still being replaced
            return False
    try:
        WebDriverWait(driver, 30, poll_frequency=0.2).until(check)
        return True
    except Exception:
        return False


def move_form(driver, appointment):
    article = driver.find_element(By.ID, 'a-' + appointment)
    form = article.find_element(By.CSS_SELECTOR, "form[action$='/move-appointment']")
    form.find_element(By.XPATH, './ancestor::details/summary').click()
    return article, form


seen = {}
jana, tim = browser(first), browser(second)
try:
    jana.get(base + '/')
    seen['dashboard'] = 'Delegation from Pittsburgh in Dortmund' in jana.page_source
    jana.save_screenshot(shots + '/web-dashboard.png')
    jana.get(base + '/pittsburgh-2022')
    jana.save_screenshot(shots + '/web-visit.png')
    # The second user opens the same page now: their forms carry this version.
    tim.get(base + '/pittsburgh-2022')

    # The first user moves the DEW21 visit through its form.
    article, form = move_form(jana, 'dew21')
    for name, value in (('start', '2022-05-04T09:15'), ('end', '2022-05-04T10:45'), ('reason', 'bus delayed')):
        field = form.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)
    form.find_element(By.TAG_NAME, 'button').click()
    seen['new_time'] = wait_for(jana, lambda d: '09:15–10:45' in d.find_element(By.ID, 'a-dew21').text)
    seen['redirected'] = jana.current_url.split('?')[0].rstrip('/').endswith('/pittsburgh-2022')
    jana.get(base + '/pittsburgh-2022/audit')
    user = first.split(':')[0]
    entries = [e.text for e in jana.find_elements(By.CSS_SELECTOR, 'ol.audit > li')]
    seen['audit'] = any(user in e and 'Visit to DEW21' in e and 'bus delayed' in e for e in entries)

    # The second user submits their stale form: the conflict page, their input kept.
    article, form = move_form(tim, 'wew')
    start = form.find_element(By.NAME, 'start')
    start.clear()
    start.send_keys('2022-05-04T11:15')
    end = form.find_element(By.NAME, 'end')
    end.clear()
    end.send_keys('2022-05-04T12:45')
    form.find_element(By.TAG_NAME, 'button').click()
    seen['conflict'] = wait_for(tim, lambda d: 'changed this visit in the meantime' in d.page_source)
    page = tim.page_source
    seen['conflict_shows_change'] = 'Visit to DEW21' in page
    seen['input_kept'] = 'value="2022-05-04T11:15"' in page
    tim.save_screenshot(shots + '/web-conflict.png')
finally:
    jana.quit()
    tim.quit()
print(json.dumps(seen))
