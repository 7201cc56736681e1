/* What-if groups, the bounded list of members worse off and loss ratios. */
#include "core/insight.h"

#include <stdint.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"

static int slot_of(const hz_whatif_groups *g, int64_t id, const char *key) {
    uint64_t h = id ? (uint64_t)id * 0x9E3779B97F4A7C15ull : 1469598103934665603ull;
    if (!id)
        for (const char *p = key; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ull;
    int mask = g->n_slots - 1, s = (int)(h >> 17) & mask;
    for (;; s = (s + 1) & mask) {
        int k = g->slots[s];
        if (!k) return s;
        const hz_whatif_group *it = &g->items[k - 1];
        if (it->id == id && strcmp(it->key, key) == 0) return s;
    }
}

static bool grow(hz_whatif_groups *g) {
    if (g->n < g->cap && g->n * 2 < g->n_slots) return true;
    int cap = g->cap ? g->cap * 2 : 16;
    hz_whatif_group *items = realloc(g->items, sizeof *items * (size_t)cap);
    if (!items) return false;
    g->items = items;
    g->cap = cap;
    int *slots = calloc((size_t)cap * 4, sizeof *slots);
    if (!slots) return false;
    free(g->slots);
    g->slots = slots;
    g->n_slots = cap * 4;
    for (int i = 0; i < g->n; i++) g->slots[slot_of(g, g->items[i].id, g->items[i].key)] = i + 1;
    return true;
}

hz_whatif_group *hz_whatif_group_get(hz_whatif_groups *g, int64_t id, const char *key, const char *name) {
    if (g->n_slots) {
        int k = g->slots[slot_of(g, id, key)];
        if (k) return &g->items[k - 1];
    }
    if (!grow(g)) return NULL;
    hz_whatif_group *it = &g->items[g->n];
    memset(it, 0, sizeof *it);
    it->id = id;
    hz_strlcpy(it->key, key, sizeof it->key);
    hz_strlcpy(it->name, name, sizeof it->name);
    g->slots[slot_of(g, id, key)] = ++g->n;
    return it;
}

void hz_whatif_groups_free(hz_whatif_groups *g) {
    free(g->items);
    free(g->slots);
    memset(g, 0, sizeof *g);
}

static int by_key(const void *a, const void *b) {
    const hz_whatif_group *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

void hz_whatif_groups_sort(hz_whatif_groups *g) {
    if (g->n) qsort(g->items, (size_t)g->n, sizeof *g->items, by_key);
    free(g->slots); /* the order changed: no more lookups */
    g->slots = NULL;
    g->n_slots = 0;
}

/* a before b in the final list: larger loss first, then smaller member id */
static bool before(const hz_whatif_member *a, const hz_whatif_member *b) {
    hz_fen la = a->current - a->proposed, lb = b->current - b->proposed;
    return la != lb ? la > lb : a->member_id < b->member_id;
}

/* the heap keeps the "last" entry (smallest loss) at the root */
static void sift_down(hz_whatif_member *h, int n, int i) {
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && before(&h[m], &h[l])) m = l;
        if (r < n && before(&h[m], &h[r])) m = r;
        if (m == i) return;
        hz_whatif_member t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

void hz_whatif_offer(hz_whatif_result *r, const hz_whatif_member *m) {
    r->members_worse_off++;
    if (r->n_worse < HZ_WHATIF_LIST_MAX) {
        int i = r->n_worse++;
        r->worse[i] = *m;
        while (i > 0 && before(&r->worse[(i - 1) / 2], &r->worse[i])) {
            int p = (i - 1) / 2;
            hz_whatif_member t = r->worse[p];
            r->worse[p] = r->worse[i];
            r->worse[i] = t;
            i = p;
        }
        return;
    }
    if (!before(m, &r->worse[0])) return;
    r->worse[0] = *m;
    sift_down(r->worse, r->n_worse, 0);
}

static int worse_order(const void *a, const void *b) {
    return before(a, b) ? -1 : before(b, a) ? 1 : 0;
}

void hz_whatif_finish(hz_whatif_result *r) {
    if (r->n_worse) qsort(r->worse, (size_t)r->n_worse, sizeof r->worse[0], worse_order);
    hz_whatif_groups_sort(&r->by_plan);
    hz_whatif_groups_sort(&r->by_unit);
    hz_whatif_groups_sort(&r->by_district);
}

void hz_whatif_free(hz_whatif_result *r) {
    hz_whatif_groups_free(&r->by_plan);
    hz_whatif_groups_free(&r->by_unit);
    hz_whatif_groups_free(&r->by_district);
}

int64_t hz_loss_ratio_bp(hz_fen paid, hz_fen contributions) {
    if (contributions <= 0) return -1;
    int64_t x;
    if (!__builtin_mul_overflow(paid, (int64_t)10000, &x) && !__builtin_add_overflow(x, contributions / 2, &x))
        return x / contributions;
    /* a projected figure (the forecast's chain ladder over a thin history)
     * can pass 2^63 / 10000 fen; the signed overflow took the server down
     * under UBSan. The quotient first, and a ratio past int64 is clamped. */
    int64_t q = paid / contributions, r = paid % contributions;
    if (q > INT64_MAX / 10000 - 1 || q < INT64_MIN / 10000 + 1) return q > 0 ? INT64_MAX : INT64_MIN;
    return q * 10000 + (r * 10000 + contributions / 2) / contributions;
}

char *hz_bp_format(int64_t bp, char *buf) {
    if (bp < 0) buf[0] = '\0';
    else snprintf(buf, 24, "%lld.%02lld%%", (long long)(bp / 100), (long long)(bp % 100));
    return buf;
}

static const struct {
    const char *key, *action, *label;
} lookback_kinds[HZ_LB_KINDS] = {
    {"stay_without_claim", "claim.submit", "创建理赔 (create the claim)"},
    {"relief_band", "relief.apply", "提出二次救助 (propose relief)"},
    {"lm_without_subsidy", "lm.apply", "申请劳模医疗补助 (apply LM)"},
    {"renewal_due", "coverage.enroll", "续保 (renew)"},
};

const char *hz_lookback_kind_key(hz_lookback_kind k) { return lookback_kinds[k].key; }
const char *hz_lookback_action(hz_lookback_kind k) { return lookback_kinds[k].action; }
const char *hz_lookback_action_label(hz_lookback_kind k) { return lookback_kinds[k].label; }

bool hz_lookback_add(hz_lookback_result *r, const hz_lookback_item *it) {
    if (r->n == r->cap) {
        int cap = r->cap ? r->cap * 2 : 32;
        hz_lookback_item *items = realloc(r->items, sizeof *items * (size_t)cap);
        if (!items) return false;
        r->items = items;
        r->cap = cap;
    }
    r->items[r->n++] = *it;
    r->count[it->kind]++;
    return true;
}

void hz_lookback_free(hz_lookback_result *r) {
    free(r->items);
    r->items = NULL;
    r->n = r->cap = 0;
}

/* ---- chain ladder ---- */

__extension__ typedef __int128 i128;

static int64_t isqrt(uint64_t v) {
    uint64_t r = 0, bit = 1ull << 62;
    while (bit > v) bit >>= 2;
    while (bit) {
        if (v >= r + bit) {
            v -= r + bit;
            r = (r >> 1) + bit;
        } else {
            r >>= 1;
        }
        bit >>= 2;
    }
    return (int64_t)r;
}

/* x developed from lag `from` to the last, rounding at each step; at most
 * HZ_FC_MAX_DEVELOPMENT x x (*bounded set when that bound is met). */
static hz_fen develop(hz_fen x, int from, int n_dev, const int64_t *f, int *bounded) {
    hz_fen y = x, cap = x > INT64_MAX / HZ_FC_MAX_DEVELOPMENT ? INT64_MAX : x * HZ_FC_MAX_DEVELOPMENT;
    for (int d = from; d < n_dev - 1; d++) {
        i128 v = ((i128)y * f[d] + HZ_FC_ONE / 2) / HZ_FC_ONE;
        if (v > cap) {
            *bounded |= HZ_FC_BOUNDED;
            return cap;
        }
        y = (hz_fen)v;
    }
    return y;
}

const char *hz_fc_reliability(int thin) { return thin ? "thin" : "ok"; }

const char *hz_fc_thin_note(int thin, char *buf, size_t size) {
    if (!thin) return NULL;
    snprintf(buf, size, "历史数据不足，预测不可靠 (history too thin):%s%s%s",
             thin & HZ_FC_FEW_MONTHS ? " 本年已过月份少于3个 (fewer than 3 months of the year);" : "",
             thin & HZ_FC_THIN_FACTORS ? " 进展因子来自不足3个月份的理赔 (a factor from fewer than 3 months);" : "",
             thin & HZ_FC_BOUNDED ? " 推算触及上限 (a projection met its bound);" : "");
    size_t n = strlen(buf);
    if (n && buf[n - 1] == ';') buf[n - 1] = '\0';
    return buf;
}

hz_err hz_fc_chain_ladder(const hz_fc_triangle *t, hz_fc_estimate *out, hz_errinfo *e) {
    memset(out, 0, sizeof *out);
    if (t->n_origins < 0 || t->n_origins > HZ_FC_MAX_ORIGINS || t->n_dev < 1 || t->n_dev > HZ_FC_MAX_DEV)
        return hz_fail(e, HZ_EINVAL, "triangle: 大小超出范围 (size out of range)");
    bool bounded[HZ_FC_MAX_DEV] = {false};
    for (int d = 0; d < t->n_dev - 1; d++) {
        i128 num = 0, den = 0;
        int64_t ratios[HZ_FC_MAX_ORIGINS];
        int n_r = 0;
        for (int o = 0; o < t->n_origins; o++) {
            if (t->known[o] < d + 2) continue;
            hz_fen a = t->cum[o][d], b = t->cum[o][d + 1];
            if (a < 0 || b < 0) return hz_fail(e, HZ_EINVAL, "triangle: 金额为负 (a negative amount)");
            num += b;
            den += a;
            if (a > 0) { /* a link ratio past 1000 only widens the band as much as 1000 */
                i128 q = ((i128)b * HZ_FC_ONE + a / 2) / a;
                ratios[n_r++] = q > (i128)1000 * HZ_FC_ONE ? (int64_t)1000 * HZ_FC_ONE : (int64_t)q;
            }
        }
        /* a factor is at most HZ_FC_MAX_FACTOR, computed without overflow */
        i128 fw = den > 0 ? (num * HZ_FC_ONE + den / 2) / den : HZ_FC_ONE;
        int64_t f = fw > HZ_FC_MAX_FACTOR ? HZ_FC_MAX_FACTOR : (int64_t)fw;
        out->support[d] = n_r;
        uint64_t var = 0;
        for (int i = 0; i < n_r; i++) {
            int64_t dv = ratios[i] - f;
            if (dv > 3000000000 || dv < -3000000000) dv = dv > 0 ? 3000000000 : -3000000000; /* no overflow */
            var += (uint64_t)(dv * dv) / (uint64_t)(n_r > 1 ? n_r - 1 : 1);
        }
        int64_t sd = n_r > 1 ? isqrt(var) : 0;
        out->factor_ppm[d] = f;
        out->low_ppm[d] = f - sd > HZ_FC_ONE ? f - sd : HZ_FC_ONE;
        out->high_ppm[d] = f + sd > HZ_FC_MAX_FACTOR ? HZ_FC_MAX_FACTOR : f + sd;
        bounded[d] = fw > HZ_FC_MAX_FACTOR;
    }
    out->factor_ppm[t->n_dev - 1] = out->low_ppm[t->n_dev - 1] = out->high_ppm[t->n_dev - 1] = HZ_FC_ONE;
    for (int o = 0; o < t->n_origins; o++) {
        int k = t->known[o] < t->n_dev ? t->known[o] : t->n_dev;
        if (k <= 0) continue;
        hz_fen x = t->cum[o][k - 1];
        int *thin = &out->thin[o];
        for (int d = k - 1; d < t->n_dev - 1; d++) {
            if (bounded[d]) *thin |= HZ_FC_BOUNDED;
            if (out->support[d] < HZ_FC_MIN_ORIGINS) *thin |= HZ_FC_THIN_FACTORS;
        }
        out->ultimate[o] = develop(x, k - 1, t->n_dev, out->factor_ppm, thin);
        out->low[o] = develop(x, k - 1, t->n_dev, out->low_ppm, thin);
        out->high[o] = develop(x, k - 1, t->n_dev, out->high_ppm, thin);
    }
    return HZ_OK;
}
