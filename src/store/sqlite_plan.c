/* The query-plan guard of the SQLite driver (sqlite_plan.h). */
#include "store/sqlite_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PLAN_ROWS 256

typedef struct {
    int id, parent;
    char detail[160];
} plan_row;

static const char *log_path(void) {
    static int done;
    static const char *path;
    if (!done) {
        path = getenv("HZ_PLAN_LOG");
        if (path && !*path) path = NULL;
        done = 1;
    }
    return path;
}

static const plan_row *find(const plan_row *r, int n, int id) {
    for (int i = 0; i < n; i++)
        if (r[i].id == id) return &r[i];
    return NULL;
}

/* the row is a scan of a table (not of a constant row, a subquery's result
 * or a list of values) with a correlated subquery above it */
static int correlated_scan(const plan_row *r, int n, const plan_row *x) {
    if (strncmp(x->detail, "SCAN ", 5) != 0 || strncmp(x->detail, "SCAN CONSTANT", 13) == 0) return 0;
    for (const plan_row *p = find(r, n, x->parent); p; p = find(r, n, p->parent)) {
        if (strncmp(p->detail, "CORRELATED ", 11) == 0) return 1;
        if (p->parent == p->id) break;
    }
    return 0;
}

static int word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

/* the word ending just before p (white space skipped) into w; its start */
static const char *word_before(const char *sql, const char *p, char *w, size_t size) {
    while (p > sql && p[-1] == ' ') p--;
    const char *end = p;
    while (p > sql && word_char(p[-1])) p--;
    size_t n = (size_t)(end - p) < size - 1 ? (size_t)(end - p) : size - 1;
    memcpy(w, p, n);
    w[n] = 0;
    return p;
}

/* the table a plan's "SCAN x" names by its alias x: the word before x
 * (past an AS) when a FROM, JOIN or comma stands before that; x itself when
 * it follows FROM or JOIN; "(subquery)" for a derived table. "?" when the
 * SQL does not say, or when x stands for two different tables in it (an
 * alias used again in a subquery): the caller's list of small tables must
 * not let such a scan through under the other table's name. */
static void table_of(const char *sql, size_t len, const char *alias, size_t an, char *table, size_t size) {
    snprintf(table, size, "?");
    int found = 0;
    for (const char *p = sql; (p = strstr(p, alias)) && (size_t)(p - sql) + an <= len; p++) {
        if ((p > sql && word_char(p[-1])) || word_char(p[an])) continue;
        char w1[64], w2[64], name[64];
        const char *s1 = word_before(sql, p, w1, sizeof w1);
        if (strcasecmp(w1, "FROM") == 0 || strcasecmp(w1, "JOIN") == 0) {
            snprintf(name, sizeof name, "%.*s", (int)an, alias);
        } else {
            if (strcasecmp(w1, "AS") == 0) s1 = word_before(sql, s1, w1, sizeof w1);
            const char *q = s1;
            while (q > sql && q[-1] == ' ') q--;
            if (!*w1 && q > sql && q[-1] == ')') {
                /* a derived table: the scans inside it are checked by their tables */
                snprintf(name, sizeof name, "(subquery)");
            } else {
                word_before(sql, s1, w2, sizeof w2);
                int comma = q > sql && q[-1] == ',';
                if (!*w1 || !(strcasecmp(w2, "FROM") == 0 || strcasecmp(w2, "JOIN") == 0 || comma)) continue;
                snprintf(name, sizeof name, "%s", w1);
            }
        }
        if (found && strcmp(name, table) != 0) {
            snprintf(table, size, "?");
            return;
        }
        snprintf(table, size, "%s", name);
        found = 1;
    }
}

void hz_sq_plan_check(sqlite3 *h, const char *sql, int n) {
    const char *path = log_path();
    if (!path || strncmp(sql, "PRAGMA", 6) == 0) return;
    size_t len = n < 0 ? strlen(sql) : (size_t)n;
    char *q = malloc(len + 20);
    if (!q) return;
    memcpy(q, "EXPLAIN QUERY PLAN ", 19);
    memcpy(q + 19, sql, len);
    q[19 + len] = 0;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(h, q, -1, &st, NULL);
    free(q);
    if (rc != SQLITE_OK) return;
    /* not static: the server's threads prepare statements at once */
    plan_row *rows = malloc(sizeof *rows * PLAN_ROWS);
    if (!rows) {
        sqlite3_finalize(st);
        return;
    }
    int nr = 0;
    while (nr < PLAN_ROWS && sqlite3_step(st) == SQLITE_ROW) {
        rows[nr].id = sqlite3_column_int(st, 0);
        rows[nr].parent = sqlite3_column_int(st, 1);
        const char *d = (const char *)sqlite3_column_text(st, 3);
        snprintf(rows[nr].detail, sizeof rows[nr].detail, "%s", d ? d : "");
        nr++;
    }
    sqlite3_finalize(st);
    FILE *f = NULL;
    for (int i = 0; i < nr; i++) {
        if (!correlated_scan(rows, nr, &rows[i])) continue;
        if (!f && !(f = fopen(path, "a"))) break;
        /* "SCAN x" or "SCAN x USING ...": x is the alias */
        const char *a = rows[i].detail + 5;
        size_t an = strcspn(a, " ");
        char alias[64], table[64];
        snprintf(alias, sizeof alias, "%.*s", (int)an, a);
        table_of(sql, len, alias, strlen(alias), table, sizeof table);
        fprintf(f, "PLAN\t%s\t%s\t", table, rows[i].detail);
        for (size_t k = 0; k < len; k++) fputc(sql[k] == '\n' ? ' ' : sql[k], f);
        fputc('\n', f);
    }
    if (f) fclose(f);
    free(rows);
}
