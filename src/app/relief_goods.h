/* The stock of goods of a visit programme (issue 13: "visits with cash and
 * goods counted in items and a stock of goods"). Goods are received into a
 * programme's stock in whole items; a visit takes its items from the stock
 * when it is applied for (two visits cannot both take the last bag) and a
 * rejected visit gives them back. Roles: relief.apply receives, relief.read
 * reads. */
#ifndef HZ_APP_RELIEF_GOODS_H
#define HZ_APP_RELIEF_GOODS_H

#include "app/app.h"
#include "store/relief_goods.h"

/* Receives items ("大米:100,食用油:50") into the stock of visit programme
 * program. Not a visit programme: HZ_EINVAL; unknown: HZ_ENOTFOUND. */
hz_err hz_app_relief_goods_add(hz_app *app, const char *program, const char *items, hz_errinfo *e);
/* The programme's stock, each item with received and issued. */
hz_err hz_app_relief_goods(hz_app *app, const char *program, hz_goods_fn fn, void *ctx, hz_errinfo *e);

/* Inside the caller's transaction: takes a visit's items from the stock of
 * program_id, or gives them back (give_back). Not enough of an item:
 * HZ_ECONFLICT naming the item, what is left and what was asked. */
hz_err hz_relief_goods_take(hz_app *app, int64_t program_id, const char *items, bool give_back, hz_errinfo *e);

#endif
