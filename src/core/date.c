/* Civil-date arithmetic on day numbers (days-from-civil algorithm). */
#include "core/date.h"

#include "core/msg.h"

#include <stdio.h>

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int hz_date_days_in_month(int y, int m) {
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

bool hz_date_valid_ymd(int y, int m, int d) {
    return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= hz_date_days_in_month(y, m);
}

hz_date hz_date_from_ymd(int y, int m, int d) {
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void hz_date_to_ymd(hz_date t, int *y, int *m, int *d) {
    int z = t + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int yy = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int dd = doy - (153 * mp + 2) / 5 + 1;
    int mm = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (mm <= 2);
    *m = mm;
    *d = dd;
}

hz_err hz_date_parse(const char *s, hz_date *out, const char *field, hz_errinfo *e) {
    if (!field) field = "日期";
    int v[3] = {0, 0, 0};
    static const int width[3] = {4, 2, 2};
    const char *p = s;
    if (!p) goto bad;
    for (int i = 0; i < 3; i++) {
        for (int k = 0; k < width[i]; k++, p++) {
            if (*p < '0' || *p > '9') goto bad;
            v[i] = v[i] * 10 + (*p - '0');
        }
        if (i < 2 && *p++ != '-') goto bad;
    }
    if (*p != '\0') goto bad;
    if (!hz_date_valid_ymd(v[0], v[1], v[2]))
        return hz_failm(e, HZ_EINVAL, HZ_M_DATE_NONE, field, s);
    *out = hz_date_from_ymd(v[0], v[1], v[2]);
    return HZ_OK;
bad:
    return hz_failm(e, HZ_EINVAL, HZ_M_DATE_FORMAT, field, s ? s : "");
}

char *hz_date_format(hz_date t, char *buf) {
    int y, m, d;
    hz_date_to_ymd(t, &y, &m, &d);
    /* by hand: this sits on the bulk import's hot path */
    unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)d % 100u;
    buf[0] = (char)('0' + uy / 1000);
    buf[1] = (char)('0' + uy / 100 % 10);
    buf[2] = (char)('0' + uy / 10 % 10);
    buf[3] = (char)('0' + uy % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + um / 10);
    buf[6] = (char)('0' + um % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + ud / 10);
    buf[9] = (char)('0' + ud % 10);
    buf[10] = '\0';
    return buf;
}

hz_date hz_date_add_months(hz_date t, int months) {
    int y, m, d;
    hz_date_to_ymd(t, &y, &m, &d);
    int idx = y * 12 + (m - 1) + months;
    int ny = idx / 12, nm = idx % 12 + 1;
    int dim = hz_date_days_in_month(ny, nm);
    return hz_date_from_ymd(ny, nm, d > dim ? dim : d);
}

hz_date hz_date_term_end(hz_date start, int months) { return hz_date_add_months(start, months) - 1; }

int hz_date_age(hz_date birth, hz_date on) {
    int by, bm, bd, y, m, d;
    hz_date_to_ymd(birth, &by, &bm, &bd);
    hz_date_to_ymd(on, &y, &m, &d);
    int age = y - by;
    if (m < bm || (m == bm && d < bd)) age--;
    return age;
}

hz_date hz_date_from_unix(int64_t unix_seconds) {
    int64_t local = unix_seconds + 8 * 3600;
    int64_t days = local / 86400;
    if (local % 86400 < 0) days--;
    return (hz_date)days;
}
