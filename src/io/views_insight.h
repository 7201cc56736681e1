/* JSON views of the what-if, the look-back and the forecast (issue 18). */
#ifndef HZ_VIEWS_INSIGHT_H
#define HZ_VIEWS_INSIGHT_H

#include <jansson.h>

#include "core/insight.h"

/* {"claims":N,"current":"…","proposed":"…","difference":"…","by_plan":[…],
 *  "by_unit":[…],"members_worse_off":N, "by_district":[…], "plan", "from",
 *  "to", "contributions", "loss_ratio_current", "loss_ratio_proposed",
 *  "worse_off":[…]} (interfaces.md `huzhu simulate`). */
json_t *hz_view_whatif(const hz_whatif_result *r);

/* {"year":Y,"counts":{kind:N},"items":[{"kind","action","action_label",
 *  "member":{"ref","id_number","name"},"ref","date","amount",("grant"),("level")}]} */
json_t *hz_view_lookback(const hz_lookback_result *r);

/* {"year","as_of","plans":[{"plan","contributions","reported","ultimate","low","high",
 *  "loss_ratio","loss_ratio_low","loss_ratio_high","factors":["2.000000",…]}]} */
json_t *hz_view_forecast(const hz_forecast *f);

#endif
