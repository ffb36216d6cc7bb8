#!/usr/bin/python3
"""The web map of `tnet serve` in headless Chromium (Selenium): loads /,
clicks two zones and checks the route panel against `tnet route`, clicks a
zone in isochrone mode and checks the isochrone layer against
`tnet isochrone` (by car, then by transit departing 07:30), fills the report and corridor panels, then saves a
screenshot into the test log folder.

Arguments: the build root (the screenshot goes to BUILD/meson-logs/).
"""
import os
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from serve_common import Server, Tap, cli_json

ORIGIN, DESTINATION, ISO_FROM, ISO_MINUTES = 'z_yuzhou', 'z_changge', 'z_weidu', '60'


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else '.'
    tap = Tap()
    srv = Server()
    profile_dir = tempfile.TemporaryDirectory(prefix='tnet-chromium-')
    opts = webdriver.ChromeOptions()
    opts.binary_location = '/usr/bin/chromium'
    for flag in ('--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync', '--no-first-run',
                 '--disable-dev-shm-usage', '--window-size=1280,900',
                 f'--user-data-dir={profile_dir.name}'):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=opts)
    try:
        driver.set_page_load_timeout(60)
        driver.get(srv.base + '/')
        wait = WebDriverWait(driver, 60)
        wait.until(lambda d: d.find_element(By.TAG_NAME, 'body').get_attribute('data-ready') == 'true')
        n_markers = len(driver.find_elements(By.CSS_SELECTOR, '.node-marker'))
        tap.ok(n_markers > 0, f'network drawn ({n_markers} node markers)')
        title = driver.find_element(By.ID, 'title').text
        tap.ok(title not in ('', 'tnet'), f'title from /scenarios: {title}')

        def click_node(node):
            el = driver.find_element(By.CSS_SELECTOR, f'[data-node="{node}"]')
            ActionChains(driver).move_to_element(el).click().perform()

        # route: origin, then destination
        click_node(ORIGIN)
        click_node(DESTINATION)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#route-legs tr.leg'))
        body = driver.find_element(By.TAG_NAME, 'body')
        picked = body.get_attribute('data-route').split()
        tap.ok(picked == [ORIGIN, DESTINATION], f'clicked {ORIGIN}, {DESTINATION}; page routed {picked}')
        rc, cli, _ = cli_json('route', *picked)
        rows = driver.find_elements(By.CSS_SELECTOR, '#route-legs tr.leg')
        tap.ok(rc == 0 and len(rows) == len(cli['legs']),
               f'route panel: {len(rows)} legs, tnet route: {len(cli["legs"]) if cli else None}')
        total = driver.find_elements(By.CSS_SELECTOR, '#route-legs tr:last-child th')[-1].text
        tap.ok(cli and float(total) == cli['total_min'],
               f'route panel total {total} min = tnet route {cli and cli["total_min"]} min')
        tap.ok(len(driver.find_elements(By.CSS_SELECTOR, 'path.route-line')) > 0,
               'route drawn on the map')

        # isochrone
        driver.find_element(By.ID, 'mode-isochrone').click()
        click_node(ISO_FROM)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, 'path.iso-band'))
        time.sleep(0.5)
        n_iso = len(driver.find_elements(By.CSS_SELECTOR, 'path.iso-band'))
        picked = body.get_attribute('data-isochrone')
        tap.ok(picked == ISO_FROM, f'clicked {ISO_FROM}; page asked the isochrone of {picked}')
        rc, iso, _ = cli_json('isochrone', picked, '--minutes', ISO_MINUTES)
        n_cli = len(iso['features']) if iso else -1
        tap.ok(n_iso == n_cli, f'isochrone layer: {n_iso} features, tnet isochrone: {n_cli}')
        legend = driver.find_element(By.ID, 'iso-legend').text
        tap.ok('60' in legend, f'isochrone bands in the legend: {legend!r}')

        # transit with a departure time: the timetable's isochrone from it
        # (the frequency approximation's, without one, reaches far more)
        driver.execute_script("document.getElementById('profile').value = 'transit';"
                              "document.getElementById('depart').value = '07:30';"
                              "document.getElementById('iso-body').innerHTML = '';")
        click_node(ISO_FROM)
        wait.until(lambda d: d.find_element(By.ID, 'iso-body').text != '')
        time.sleep(0.5)
        n_tt = len(driver.find_elements(By.CSS_SELECTOR, 'path.iso-band'))
        rc, iso_tt, _ = cli_json('isochrone', ISO_FROM, '--minutes', ISO_MINUTES, '--profile',
                                 'transit', '--depart', '07:30')
        rc2, iso_fa, _ = cli_json('isochrone', ISO_FROM, '--minutes', ISO_MINUTES, '--profile',
                                  'transit', '--frequency-model')
        n_cli = len(iso_tt['features']) if iso_tt else -1
        n_fa = len(iso_fa['features']) if iso_fa else -1
        tap.ok(n_tt == n_cli and n_cli != n_fa,
               f'transit isochrone departing 07:30: {n_tt} features, tnet isochrone --depart '
               f'07:30: {n_cli} (frequency approximation: {n_fa})')

        # report and corridor panels
        driver.find_element(By.ID, 'report-go').click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#report-table tr.indicator'))
        rc, rep, _ = cli_json('report')
        n_rows = len(driver.find_elements(By.CSS_SELECTOR, '#report-table tr.indicator'))
        tap.ok(rc == 0 and n_rows == len(rep['targets']),
               f'report panel: {n_rows} indicators, tnet report: {len(rep["targets"]) if rep else None}')
        # the same with 20 uncertainty draws: the spread and pass probability
        # of every indicator with a target, as tnet report --uncertainty 20
        Select(driver.find_element(By.ID, 'report-draws')).select_by_value('20')
        driver.find_element(By.ID, 'report-go').click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#report-table td.spread'))
        rc, rep, _ = cli_json('report', '--uncertainty', '20', '--seed', '1')
        last = rep['scenarios'][list(rep['scenarios'])[-1]]
        js = lambda v: str(int(v)) if float(v).is_integer() else repr(float(v))  # as JS prints
        want = [f"{js(last['evidence'][k]['p05'])}–{js(last['evidence'][k]['p95'])}"
                for k in rep['targets'] if 'p05' in last['evidence'].get(k, {})]
        got = [e.text for e in driver.find_elements(By.CSS_SELECTOR, '#report-table td.spread')]
        tap.ok(rc == 0 and got == want,
               f'report panel with 20 draws: {len(got)} spreads as tnet report --uncertainty 20',
               (got, want))
        driver.find_element(By.ID, 'corr-go').click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, '#corr-body table'))
        time.sleep(0.5)
        n_crit = len(driver.find_elements(By.CSS_SELECTOR, 'path.critical-link'))
        tap.ok(n_crit > 0, f'critical links drawn on the map ({n_crit})')

        # language switch
        driver.find_element(By.ID, 'lang').click()
        tap.ok(driver.find_element(By.CSS_SELECTOR, '#route-panel h2').text == 'Route',
               'English labels after the language switch')

        os.makedirs(os.path.join(build, 'meson-logs'), exist_ok=True)
        shot = os.path.abspath(os.path.join(build, 'meson-logs', 'serve-browser.png'))
        ok = driver.save_screenshot(shot)
        tap.ok(ok and os.path.getsize(shot) > 10000, f'screenshot saved: {shot}')
        errors = [e for e in driver.get_log('browser') if e.get('level') == 'SEVERE']
        tap.ok(not errors, 'no errors in the browser console', errors)
        status = driver.find_element(By.ID, 'status').text
        tap.ok(status == '', f'no error shown on the page: {status!r}')
    finally:
        driver.quit()
        profile_dir.cleanup()
        rc, err = srv.stop()
        tap.ok(rc == 0, 'SIGTERM: the server drained and exited 0', err)
    tap.done()


main()
