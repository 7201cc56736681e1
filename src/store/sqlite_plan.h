/* A test's guard against statements that grow quadratically (issue 19). */
#ifndef HZ_STORE_SQLITE_PLAN_H
#define HZ_STORE_SQLITE_PLAN_H
#include <sqlite3.h>

/* When the environment names a file in HZ_PLAN_LOG (the test suite sets it),
 * asks SQLite for the plan of sql (n bytes, -1: to its NUL) on h and appends
 * a line "PLAN\t<table>\t<scan>\t<sql>" to that file for every table the plan scans
 * inside a correlated subquery: a scan once per outer row, which costs
 * nothing on a test's few rows and n² at a province's (the stay look-ups of
 * 免申即享 spent 59 s of 60 in one at 100k stays). Does nothing otherwise,
 * and never fails the caller: the plan is only read. */
void hz_sq_plan_check(sqlite3 *h, const char *sql, int n);

#endif
