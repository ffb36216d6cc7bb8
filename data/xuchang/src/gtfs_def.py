"""Frequency-based GTFS feeds for 2020 and 2025.

One representative trip per service pattern and direction; frequencies.txt
gives the headway.  Run times: 许昌东→郑州东 23 min (C-tt); 郑许市域铁路
about 65 min end to end (W-hnrd-zx, W-sina-zx).  Every other run time and
every headway is an assumption (see README.md).
"""
import csv, os

SERVICE = "WKDY"
DAY = ("06:00:00", "22:00:00")

# route: id, agency, short name (= links.csv line), long name, route_type, tnet_mode
ROUTES = {
    "jggt": ("cr", "京广高铁", "京广高铁 郑州东—许昌东—漯河西", 2, "hsr"),
    "zy": ("cr", "郑渝高铁", "郑渝高铁 郑州东—长葛北—禹州—郏县", 2, "hsr"),
    "zh": ("cr", "郑合高铁", "郑合高铁 郑州东—许昌北—鄢陵—扶沟南", 2, "hsr"),
    "jgr": ("cr", "京广铁路", "京广铁路 郑州—长葛—许昌—临颍", 2, "rail"),
    "zx": ("zzm", "郑许市域铁路", "郑许市域铁路 长安路北—许昌东站", 1, "suburban"),
    "b_shuttle": ("xcb", "许昌东—许昌北", "许昌东站—许昌北站 接驳公交", 3, "bus"),
    "b_xy": ("xcb", "许禹快线", "许禹公交快线 许昌—禹州", 3, "bus"),
    "b_xcg": ("xcb", "许长快线", "许长公交快线 许昌—长葛", 3, "bus"),
    "b_xyl": ("xcb", "许鄢快线", "许鄢公交快线 许昌—鄢陵", 3, "bus"),
    "b_cgo": ("xcb", "许昌—新郑机场", "许昌城市航站楼—新郑机场 机场巴士", 3, "bus"),
    "b_chanye": ("xcb", "长葛—产业新城", "长葛城区—产业新城枢纽 公交", 3, "bus"),
    "zzm1": ("zzm", "郑州地铁1号线", "郑州地铁1号线 郑州东站—二七广场—绿城广场", 1, "metro"),
}

# patterns: (route, pattern id, [(stop, arrival_min, departure_min)], headways)
# headways: list of (start, end, seconds); the reverse direction is generated
# with the same segment times.
def P(route, pid, stops, headways):
    return (route, pid, stops, headways)

H = lambda sec: [(DAY[0], DAY[1], sec)]

JGGT = [("luohe_west_hsr", 0, 0), ("xc_east_hsr", 16, 18), ("zz_east_station", 41, 41)]
ZY20 = [("jiaxian_hsr", 0, 0), ("yz_hsr", 10, 12), ("cg_north_hsr", 19, 21), ("zz_east_station", 43, 43)]
ZY25 = [("jiaxian_hsr", 0, 0), ("yz_hsr", 10, 12), ("cg_north_hsr", 19, 21),
        ("zz_airport_hsr", 31, 33), ("zz_east_station", 46, 46)]
ZH20 = [("fugou_south_hsr", 0, 0), ("yl_hsr", 9, 11), ("xc_north_hsr", 20, 22), ("zz_east_station", 49, 49)]
ZH25 = [("fugou_south_hsr", 0, 0), ("yl_hsr", 9, 11), ("xc_north_hsr", 20, 22),
        ("zz_airport_hsr", 36, 38), ("zz_east_station", 51, 51)]
JGR = [("linying_station", 0, 0), ("xc_station", 20, 23), ("cg_station", 39, 41), ("zz_station", 86, 86)]

SHUTTLE = [("bus_xc_east", 0, 0), ("bus_xc_north", 25, 25)]
XY20 = [("bus_xc_center", 0, 0), ("bus_yz_center", 55, 55)]
XY25 = [("bus_xc_center", 0, 0), ("bus_yz_hsr", 42, 43), ("bus_yz_center", 58, 58)]
XCG20 = [("bus_xc_center", 0, 0), ("bus_cg_center", 40, 40)]
XCG25 = [("bus_xc_center", 0, 0), ("bus_nongdalu", 16, 17), ("bus_cg_center", 40, 41),
         ("bus_cg_north_hsr", 52, 52)]
XYL20 = [("bus_xc_center", 0, 0), ("bus_yl_center", 50, 50)]
XYL25 = [("bus_xc_center", 0, 0), ("bus_yl_hsr", 40, 41), ("bus_yl_center", 50, 50)]
CGO = [("bus_xc_east", 0, 0), ("bus_cgo_t2", 55, 55)]
CHANYE = [("bus_cg_center", 0, 0), ("bus_shuangmiaoli", 22, 22)]
# 郑州地铁1号线, 郑州东站 -> 绿城广场: the line's lengths between the stops (links.csv,
# M-metroman sequence scaled to the published 41.2 km, W-wiki-zh-zzm1) at an assumed
# schedule speed of 35 km/h, stops included: 11.45 km 19.6 min, 1.17 km 2.0 min,
# 2.35 km 4.0 min. Headway 4.5 min in the peaks, 7 min otherwise (assumption).
ZZM1 = [("zzm_zz_east", 0, 0), ("zzm_erqi", 19.6, 19.6), ("zzm_zz_station", 21.6, 21.6),
        ("zzm_lvcheng", 25.6, 25.6)]
ZZM1_HEADWAYS = [("06:00:00", "07:00:00", 420), ("07:00:00", "09:00:00", 270),
                 ("09:00:00", "17:00:00", 420), ("17:00:00", "19:00:00", 270),
                 ("19:00:00", "22:00:00", 420)]

ZX_STATIONS = ["zx_changanlu_north", "zx_gangqu_north", "zx_wenti_center", "zx_zaoyuan",
               "zx_aoxianglu", "zx_changanlu_south", "zx_xinzheng_airport", "zx_zundalu",
               "zx_yuanling_west", "zx_xunmeilu", "zx_longwang", "zx_longwang_south",
               "zx_shuanghehu_north", "zx_shuanghehu", "zx_shuanghehu_south", "zx_baqian",
               "zx_shuangmiaoli", "zx_dazhou", "zx_yingchuanlu", "zx_getianyuan",
               "zx_yonghelu", "zx_nongdalu", "zx_tiyu_center", "zx_dianqigu", "zx_furonghu",
               "zx_luminghu", "zx_xuchang_east"]
ZX_HEADWAYS = [("06:00:00", "06:40:00", 865), ("06:40:00", "09:15:00", 600),
               ("09:15:00", "21:00:00", 865)]


def zx_pattern(node, hav):
    """郑许线 run: 0.5 min dwell per intermediate station, running time per
    segment proportional to distance, scaled to 65 min end to end."""
    d = [hav(ZX_STATIONS[i], ZX_STATIONS[i + 1]) for i in range(len(ZX_STATIONS) - 1)]
    dwell = 0.5
    run_total = 65.0 - dwell * (len(ZX_STATIONS) - 2)
    t, out = 0.0, []
    for i, s in enumerate(ZX_STATIONS):
        if i == 0:
            out.append((s, 0.0, 0.0))
            continue
        t += run_total * d[i - 1] / sum(d)
        dep = t + (dwell if i < len(ZX_STATIONS) - 1 else 0.0)
        out.append((s, t, dep))
        t = dep
    return out


def feeds(node, hav):
    zx = zx_pattern(node, hav)
    f2020 = [P("jggt", "jggt", JGGT, H(1200)), P("zy", "zy", ZY20, H(3600)),
             P("zh", "zh", ZH20, H(6600)), P("jgr", "jgr", JGR, H(5400)),
             P("b_shuttle", "sh", SHUTTLE, H(1800)), P("b_xy", "xy", XY20, H(1800)),
             P("b_xcg", "xcg", XCG20, H(1800)), P("b_xyl", "xyl", XYL20, H(1800)),
             P("b_cgo", "cgo", CGO, H(3600)),
             P("zzm1", "zzm1", ZZM1, ZZM1_HEADWAYS)]
    f2025 = [P("jggt", "jggt", JGGT, H(900)), P("zy", "zy", ZY25, H(2700)),
             P("zh", "zh", ZH25, H(3600)), P("jgr", "jgr", JGR, H(5400)),
             P("zx", "zx", zx, ZX_HEADWAYS),
             P("b_shuttle", "sh", SHUTTLE, H(900)), P("b_xy", "xy", XY25, H(1200)),
             P("b_xcg", "xcg", XCG25, H(1200)), P("b_xyl", "xyl", XYL25, H(1200)),
             P("b_cgo", "cgo", CGO, H(3600)),
             P("b_chanye", "cy", CHANYE, H(1800)),
             P("zzm1", "zzm1", ZZM1, ZZM1_HEADWAYS)]
    return {2020: f2020, 2025: f2025}


# transfers.txt: (stop a, stop b, seconds) -- written both ways
# HSR/rail <-> metro line 1 at 郑州东站 and 郑州站: 5 min (assumption).
# The Xuchang hubs have no rows: no walking time between their stops is
# published, so the transfer analysis measures the walk from the stops'
# positions (hubs.csv, README "Hubs").
ZZ_METRO = [("zz_east_station", "zzm_zz_east", 300), ("zz_station", "zzm_zz_station", 300)]
TRANSFERS = {2020: list(ZZ_METRO), 2025: list(ZZ_METRO)}

AGENCIES = [
    ("cr", "中国铁路郑州局集团有限公司", "https://www.12306.cn", "Asia/Shanghai", "zh"),
    ("zzm", "郑州地铁集团有限公司", "https://www.zzmetro.com", "Asia/Shanghai", "zh"),
    ("xcb", "许昌市公共交通", "http://www.xuchang.gov.cn", "Asia/Shanghai", "zh"),
]


def hms(minutes, base=7 * 60):
    s = int(round((base + minutes) * 60))
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def w(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        cw = csv.writer(f, lineterminator="\n")
        cw.writerow(header)
        cw.writerows(rows)


def write_all(out, node):
    import math

    def hav(a, b):
        lon1, lat1 = math.radians(node[a][3]), math.radians(node[a][4])
        lon2, lat2 = math.radians(node[b][3]), math.radians(node[b][4])
        h = (math.sin((lat2 - lat1) / 2) ** 2
             + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
        return 2 * 6371.0088 * math.asin(math.sqrt(h))

    for year, pats in feeds(node, hav).items():
        d = os.path.join(out, f"gtfs-{year}")
        os.makedirs(d, exist_ok=True)
        w(os.path.join(d, "agency.txt"),
          ["agency_id", "agency_name", "agency_url", "agency_timezone", "agency_lang"], AGENCIES)
        used_routes, stops, trips, st, fr = [], [], [], [], []
        for route, pid, pattern, heads in pats:
            if route not in used_routes:
                used_routes.append(route)
            for direction in (0, 1):
                if direction == 0:
                    seq = pattern
                else:  # reverse with the same segment and dwell times
                    end = pattern[-1][1]
                    seq = [(s, end - dep, end - arr) for (s, arr, dep) in reversed(pattern)]
                tid = f"{year}_{pid}_{direction}"
                first, last = seq[0][0], seq[-1][0]
                trips.append((route, SERVICE, tid, node[last][1], direction))
                for i, (s, arr, dep) in enumerate(seq):
                    st.append((tid, hms(arr), hms(dep), s, i + 1))
                    if s not in stops:
                        stops.append(s)
                for (a, b, sec) in heads:
                    fr.append((tid, a, b, sec, 0))
        w(os.path.join(d, "routes.txt"),
          ["route_id", "agency_id", "route_short_name", "route_long_name", "route_type", "tnet_mode"],
          [(r,) + ROUTES[r] for r in used_routes])
        w(os.path.join(d, "stops.txt"),
          ["stop_id", "stop_name", "stop_lat", "stop_lon", "location_type", "parent_station"],
          [(s, node[s][1], f"{node[s][4]:.4f}", f"{node[s][3]:.4f}", 0, "") for s in stops])
        w(os.path.join(d, "trips.txt"),
          ["route_id", "service_id", "trip_id", "trip_headsign", "direction_id"], trips)
        w(os.path.join(d, "stop_times.txt"),
          ["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence"], st)
        w(os.path.join(d, "frequencies.txt"),
          ["trip_id", "start_time", "end_time", "headway_secs", "exact_times"], fr)
        w(os.path.join(d, "calendar.txt"),
          ["service_id", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
           "sunday", "start_date", "end_date"],
          [(SERVICE, 1, 1, 1, 1, 1, 0, 0, f"{year}0101", f"{year}1231")])
        tr = []
        for a, b, sec in TRANSFERS[year]:
            tr.append((a, b, 2, sec))
            tr.append((b, a, 2, sec))
        w(os.path.join(d, "transfers.txt"),
          ["from_stop_id", "to_stop_id", "transfer_type", "min_transfer_time"], tr)
