#!/usr/bin/env python3
"""Writes the R4 bad-input corpus (quality.md R4, issue 14) into cases/:
one JSON file per case, with the input it sends (a file beside it where the
input is a file or raw bytes) and the error it must get. The corpus is the
files; this script is how they were made and how a kind is extended with
its neighbours. Run it from anywhere; it rewrites cases/ in full.

A case: {"what", "via": "cli"|"http", "args" (cli) | "method","path","as",
"headers" (http), "input": file name or null, "exit" (cli) | "status"
(http), "error": [substrings the error must hold, all of them]}.
Placeholders in args, paths and inputs ({{MEMBER}}, {{UNIT}}, ...) are
filled by run.py from the demo database (see run.py: resolve)."""
import json, os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cases")
FEED_HEAD = ("setl_id,certno,psn_name,gend,fixmedins_code,fixmedins_name,hosp_lv,med_type,adm_date,dscg_date,"
             "main_diag_code,diag_codes,medfee_sumamt,fund_pay_sumamt,psn_selfpay,psn_ownpay,refd_setl_flag,setl_time")
FEED_COLS = FEED_HEAD.split(",")
GOOD = dict(setl_id="R4S1", certno="{{MEMBER}}", psn_name="何女士", gend="2", fixmedins_code="H61010001",
            fixmedins_name="西京医院", hosp_lv="3", med_type="21", adm_date="2026-03-01", dscg_date="2026-03-05",
            main_diag_code="J18.9", diag_codes="", medfee_sumamt="5000.00", fund_pay_sumamt="3000.00",
            psn_selfpay="1800.00", psn_ownpay="200.00", refd_setl_flag="0", setl_time="2026-03-05 10:00:00")
ROSTER_HEAD = "姓名,身份证号码,手机号码,人员类别,劳模级别,职业,银行卡号,开户行"
ROSTER_GOOD = ["王新", "610102199001011231", "13800000000", "普通", "", "", "6217000000000000004", "中国工商银行西安分行"]
BANK_HEAD = "业务编号,结果,失败原因,银行流水号,批次号,金额"

cases = []
NOBODY = "11010519491231002X"  # a valid ID number no demo member has
NOUNIT = "91610000MA6TG00007"  # a valid credit code no demo unit has


def case(slug, what, via, error, input_bytes=None, ext="csv", **kw):
    cases.append(dict(slug=slug, what=what, via=via, error=error, input_bytes=input_bytes, ext=ext, **kw))


def feed_row(**over):
    d = dict(GOOD, **over)
    return ",".join(d[c] for c in FEED_COLS)


def feed(*rows, head=FEED_HEAD):
    return ("\n".join([head] + list(rows)) + "\n").encode()


def roster_row(**over):
    cols = ["name", "id", "phone", "category", "level", "job", "card", "bank"]
    v = dict(zip(cols, ROSTER_GOOD))
    v.update(over)
    return ",".join(v[c] for c in cols)


def roster(*rows, head=ROSTER_HEAD):
    return ("\n".join([head] + list(rows)) + "\n").encode()


def bank(*rows, head=BANK_HEAD):
    return ("\n".join([head] + list(rows)) + "\n").encode()


# Each file kind is sent through the CLI and through the API: the same
# input must get the same refusal by either door.
def both_feed(slug, what, data, error, ext="csv"):
    case("feed-" + slug, what, "cli", error, data, ext, args=["import", "settlements", "{{INPUT}}"], exit=2)
    case("feed-" + slug, what, "http", error, data, ext, method="POST", path="/api/v1/settlements", role="staff",
         status=400)


def both_roster(slug, what, data, error, ext="csv", plan="ZY", status=400, exit=2):
    case("roster-" + slug, what, "cli", error, data, ext,
         args=["import", "roster", "{{INPUT}}", "--unit", "{{UNIT}}", "--plan", plan, "--start", "2026-12-01"],
         exit=exit)
    case("roster-" + slug, what, "http", error, data, ext, method="POST",
         path="/api/v1/rosters?unit={{UNIT}}&plan=%s&start=2026-12-01" % plan, role="staff", status=status)


def both_bank(slug, what, data, error, status=400, exit=2):
    case("bank-" + slug, what, "cli", error, data, "csv", args=["pay", "confirm", "{{INPUT}}"], exit=exit)
    case("bank-" + slug, what, "http", error, data, "csv", method="POST", path="/api/v1/payment-batches/confirm",
         role="finance", status=status)


# ---- the settlement feed: every field, then the file as a whole ----------
F = [
    ("setl-empty", "setl_id empty", dict(setl_id=""), ["第2行", "setl_id", "为空"]),
    ("setl-space", "setl_id with a space", dict(setl_id="R4 S1"), ["第2行", "setl_id", "非法字符"]),
    ("setl-cjk", "setl_id with Chinese", dict(setl_id="流水1"), ["第2行", "setl_id", "非法字符"]),
    ("setl-long", "setl_id of 60 characters", dict(setl_id="S" * 60), ["第2行", "setl_id"]),
    ("cert-17", "certno of 17 characters", dict(certno="61010219900101123"), ["第2行", "certno", "17"]),
    ("cert-19", "certno of 19 characters", dict(certno="6101021990010112311"), ["第2行", "certno", "19"]),
    ("cert-check", "certno with a wrong check digit", dict(certno="610102199001011232"), ["第2行", "certno", "校验位"]),
    ("cert-birth", "certno born on 30 February", dict(certno="610102199002301231"), ["第2行", "certno", "出生日期"]),
    ("cert-letters", "certno with letters", dict(certno="61010219900101ABCD"), ["第2行", "certno"]),
    ("cert-empty", "certno empty", dict(certno=""), ["第2行", "certno"]),
    ("cert-future", "certno born in 2030", dict(certno="610102203001011234"), ["第2行", "certno"]),
    ("name-long", "psn_name of 40 characters", dict(psn_name="王" * 40), ["第2行", "psn_name"]),
    ("medtype-word", "med_type abc", dict(med_type="abc"), ["第2行", "med_type", "2 至 6 位数字"]),
    ("medtype-one", "med_type of one digit", dict(med_type="2"), ["第2行", "med_type", "2 至 6 位数字"]),
    ("medtype-seven", "med_type of seven digits", dict(med_type="2100000"), ["第2行", "med_type"]),
    ("medtype-empty", "med_type empty", dict(med_type=""), ["第2行", "med_type", "为空"]),
    ("medtype-sign", "med_type -21", dict(med_type="-21"), ["第2行", "med_type", "2 至 6 位数字"]),
    ("adm-slash", "adm_date 2026/03/01", dict(adm_date="2026/03/01"), ["第2行", "adm_date", "日期无效"]),
    ("adm-feb30", "adm_date 2026-02-30", dict(adm_date="2026-02-30"), ["第2行", "adm_date", "日期无效"]),
    ("adm-future", "adm_date in the future", dict(adm_date="2027-01-01", dscg_date="2027-01-05"),
     ["第2行", "adm_date", "未来"]),
    ("adm-empty", "adm_date empty", dict(adm_date=""), ["第2行", "adm_date", "日期无效"]),
    ("adm-word", "adm_date 昨天", dict(adm_date="昨天"), ["第2行", "adm_date", "日期无效"]),
    ("dscg-future", "dscg_date in the future (a stay not yet ended cannot be settled)",
     dict(adm_date="2026-11-20", dscg_date="2027-01-05"), ["第2行", "dscg_date", "未来"]),
    # codes copied by bytes into their buffers once cut a character in half:
    # SQLite kept the broken UTF-8, PostgreSQL refused the whole file
    ("gend-long", "gend of three characters", dict(gend="1男男"), ["第2行", "gend", "1 至 2 个字符"]),
    ("gend-cut", "gend of 2 characters, 8 bytes: more than its 7", dict(gend="𠀀𠀀"), ["第2行", "gend", "过长"]),
    ("hosplv-cut", "hosp_lv of 7 characters, 19 bytes", dict(hosp_lv="A三级甲等医院"), ["第2行", "hosp_lv", "过长"]),
    ("fixcode-cut", "fixmedins_code of 21 characters, 61 bytes", dict(fixmedins_code="H" + "号" * 20),
     ["第2行", "fixmedins_code", "过长"]),
    ("setltime-long", "setl_time of 30 characters", dict(setl_time="2026-03-05 10:00:00.000000+08:00"),
     ["第2行", "setl_time", "1 至 23 个字符"]),
    ("dscg-before", "dscg_date before adm_date", dict(dscg_date="2026-02-01"), ["第2行", "dscg_date", "早于入院"]),
    ("dscg-missing", "an inpatient stay with no dscg_date", dict(dscg_date=""), ["第2行", "dscg_date", "出院日期"]),
    ("dscg-bad", "dscg_date 2026-13-01", dict(dscg_date="2026-13-01"), ["第2行", "dscg_date", "日期无效"]),
    ("diag-bad", "main_diag_code XYZ", dict(main_diag_code="XYZ"), ["第2行", "main_diag_code"]),
    ("diag-digits", "main_diag_code 123", dict(main_diag_code="123"), ["第2行", "main_diag_code"]),
    ("diags-bad", "diag_codes with a bad code", dict(diag_codes="J18.9;??"), ["第2行", "diag_codes"]),
    ("diags-many", "diag_codes of 40 codes", dict(diag_codes=";".join(["J18.9"] * 40)), ["第2行", "diag_codes"]),
    ("fee-word", "medfee_sumamt abc", dict(medfee_sumamt="abc"), ["第2行", "medfee_sumamt", "金额"]),
    ("fee-yen", "medfee_sumamt ¥5000", dict(medfee_sumamt="¥5000"), ["第2行", "medfee_sumamt"]),
    ("fee-3dp", "medfee_sumamt 5000.001", dict(medfee_sumamt="5000.001"), ["第2行", "medfee_sumamt"]),
    ("fee-neg", "a negative medfee_sumamt on a settlement", dict(medfee_sumamt="-5000.00"), ["第2行", "medfee_sumamt"]),
    ("fee-empty", "medfee_sumamt empty", dict(medfee_sumamt=""), ["第2行", "medfee_sumamt"]),
    ("fee-huge", "medfee_sumamt past any int64", dict(medfee_sumamt="99999999999999999999.00"),
     ["第2行", "medfee_sumamt"]),
    ("fund-word", "fund_pay_sumamt 三千", dict(fund_pay_sumamt="三千"), ["第2行", "fund_pay_sumamt"]),
    ("self-bad", "psn_selfpay 1.2.3", dict(psn_selfpay="1.2.3"), ["第2行", "psn_selfpay"]),
    ("own-bad", "psn_ownpay 1e3", dict(psn_ownpay="1e3"), ["第2行", "psn_ownpay"]),
    ("parts-exceed", "parts larger than the total", dict(fund_pay_sumamt="4000.00"),
     ["第2行", "medfee_sumamt", "超过医疗总费用"]),
    ("refd-2", "refd_setl_flag 2", dict(refd_setl_flag="2"), ["第2行", "refd_setl_flag", "0 或 1"]),
    ("refd-yes", "refd_setl_flag 是", dict(refd_setl_flag="是"), ["第2行", "refd_setl_flag", "0 或 1"]),
]
for slug, what, over, err in F:  # a good row first: the bad one is row 3
    both_feed(slug, what, feed(feed_row(setl_id="R4OK1"), feed_row(**over)), [e.replace("第2行", "第3行") for e in err])

both_feed("comma-unquoted", "1,000.00 unquoted shifts the row", feed(feed_row(medfee_sumamt="1,000.00")),
          ["第2行", "有 19 个值, 表头只有 18 列", "千位逗号"])
both_feed("comma-quoted", "a quoted 1,000.00 is refused as an amount", feed(feed_row(medfee_sumamt='"1,000.00"')),
          ["第2行", "medfee_sumamt", "1,000.00"])
both_feed("quote-open", "a quote never closed", feed(feed_row(setl_id="R4OK1"), feed_row(fixmedins_name='"西京医院'),
                                                     feed_row(setl_id="R4OK3")),
          ["第3行", "fixmedins_name", "引号不配对"])
both_feed("quote-late", "a quote closed two rows later",
          feed(feed_row(fixmedins_name='"西京医院'), feed_row(setl_id="R4OK2"),
               feed_row(setl_id="R4OK3", fixmedins_name='西京医院"')), ["第2行", "fixmedins_name", "引号不配对"])
both_feed("nul", "a NUL inside a field", feed(feed_row(setl_id="R4OK1"), feed_row(fixmedins_name="西\0京医院")),
          ["第3行", "fixmedins_name", "空字符"])
both_feed("nul-id", "a NUL inside certno", feed(feed_row(certno="6101021990\0" + "01011231")),
          ["第2行", "certno", "空字符"])
both_feed("wide-row", "a row with more values than the header", feed(feed_row() + ",多余"),
          ["第2行", "有 19 个值"])
for col in ["setl_id", "certno", "med_type", "adm_date", "medfee_sumamt", "fund_pay_sumamt", "psn_selfpay"]:
    cols = [c for c in FEED_COLS if c != col]
    d = dict(GOOD)
    both_feed("no-" + col.replace("_", ""), "the column %s missing" % col,
              ("\n".join([",".join(cols), ",".join(d[c] for c in cols)]) + "\n").encode(),
              ["第1行", "缺少列 " + col])
both_feed("empty", "an empty file", b"", ["没有数据行"])
both_feed("bom", "a file of a BOM only", b"\xef\xbb\xbf", ["没有数据行"])
both_feed("header-only", "the header only", feed(), ["没有数据行"])
both_feed("blank-rows", "the header and blank rows", feed(",,,", "", ",,"), ["没有数据行"])
both_feed("bad-utf8", "neither UTF-8 nor GB18030", FEED_HEAD.encode() + b"\n" + feed_row().encode()[:40] + b"\xff\xfe\xfd\n",
          ["第2行", "GB18030"])
both_feed("bom-gbk", "a UTF-8 BOM before GB18030 bytes", b"\xef\xbb\xbf" + feed(feed_row(psn_name="何")).replace(
    "何".encode(), "何".encode("gb18030")), ["UTF-8"])
both_feed("twice-differ", "one setl_id twice with different amounts",
          feed(feed_row(), feed_row(setl_id="R4OK2"), feed_row(medfee_sumamt="5100.00")),
          ["第4行", "setl_id", "出现多次且内容不同"])
both_feed("resent-differ", "a settlement already on file re-sent with another amount",
          feed(feed_row(setl_id="{{SETL}}", certno="{{SETLCERT}}", medfee_sumamt="1.00", fund_pay_sumamt="0.00",
                        psn_selfpay="0.00", psn_ownpay="0.00")),
          ["第2行", "与已导入的结算", "不同"])
both_feed("refund-unknown", "a refund of a setl_id never received",
          feed(feed_row(setl_id="R4NEVER", refd_setl_flag="1", medfee_sumamt="-5000.00", fund_pay_sumamt="-3000.00",
                        psn_selfpay="-1800.00", psn_ownpay="-200.00")),
          ["第2行", "refd_setl_flag", "既不在库中也不在本文件中"])
both_feed("refund-other", "a refund naming another person than its settlement",
          feed(feed_row(setl_id="{{SETL}}", certno="610102199001011231", refd_setl_flag="1", medfee_sumamt="-1.00",
                        fund_pay_sumamt="0.00", psn_selfpay="0.00", psn_ownpay="0.00")),
          ["第2行", "certno", "与所退的结算"])
both_feed("refund-other-file", "a refund in the same file naming another person",
          feed(feed_row(), feed_row(certno="610102199001011231", refd_setl_flag="1", medfee_sumamt="-5000.00",
                                    fund_pay_sumamt="-3000.00", psn_selfpay="-1800.00", psn_ownpay="-200.00")),
          ["第3行", "certno", "退费的身份证号与第2行的结算不同"])

both_feed("refund-amount", "a refund whose amounts are not its settlement's",
          feed(feed_row(setl_id="{{SETL}}", certno="{{SETLCERT}}", refd_setl_flag="1", medfee_sumamt="-1.00",
                        fund_pay_sumamt="0.00", psn_selfpay="0.00", psn_ownpay="0.00")),
          ["第2行", "与所退的结算", "不同"])
both_feed("refund-first-differ", "a refund before its settlement in one file, of other amounts",
          feed(feed_row(refd_setl_flag="1", medfee_sumamt="-100.00", fund_pay_sumamt="-50.00", psn_selfpay="-40.00",
                        psn_ownpay="-10.00"), feed_row()),
          ["第2行", "refd_setl_flag", "退费与第3行的结算内容不同"])
both_feed("refund-positive", "a refund with its amounts not negated",
          feed(feed_row(), feed_row(refd_setl_flag="1")), ["第3行", "medfee_sumamt", "取负"])
both_feed("refund-positive-first", "a refund of positive amounts before any settlement (it was kept as the settlement,"
          " and the same file sent again refused)", feed(feed_row(refd_setl_flag="1")), ["第2行", "medfee_sumamt", "取负"])
both_feed("refund-positive-part", "a refund negating all but psn_ownpay",
          feed(feed_row(refd_setl_flag="1", medfee_sumamt="-100.00", fund_pay_sumamt="-50.00", psn_selfpay="-40.00",
                        psn_ownpay="10.00")), ["第2行", "psn_ownpay", "取负"])
both_feed("quote-eof", "a quote open on a last line with no line break",
          feed(feed_row(setl_id="R4OK1")).rstrip(b"\n") + b"\n" + feed_row(fixmedins_name='"西京医院').encode(),
          ["第3行", "fixmedins_name", "引号不配对"])
both_roster("quote-eof", "a quote open on a last line with no line break",
            roster(roster_row(name="李好", id="610102198505060024", card="", bank="")) +
            roster_row(job='"快递员').encode(), ["第3行", "职业", "引号不配对"])
both_bank("quote-eof", "a quote open on a last line with no line break", bank().rstrip(b"\n") + b"\n" +
          "{{PEND}},失败,\"户名不符,R4B15".encode(), ["第2行", "失败原因", "引号不配对"])

J = lambda **o: json.dumps(dict(GOOD, **o), ensure_ascii=False)
both_feed("jsonl-notobject", "a JSON Lines row that is an array", ("%s\n[1,2]\n" % J()).encode(),
          ["第2行", "不是有效的 JSON 对象"], ext="jsonl")
both_feed("jsonl-broken", "a JSON Lines row cut short", ("%s\n%s\n" % (J(setl_id="R4J2"), J()[:-5])).encode(),
          ["第2行"], ext="jsonl")
both_feed("jsonl-type", "a JSON Lines certno given as an object", ('{"setl_id":"R4J1","certno":{"a":1}}\n').encode(),
          ["第1行", "certno", "类型错误"], ext="jsonl")
both_feed("jsonl-nul", "a raw NUL in JSON Lines", ("%s\n" % J()).replace("何女士", "何\0女士").encode(),
          ["第1行", "空字符"], ext="jsonl")
both_feed("jsonl-escnul", "an escaped \\u0000 in JSON Lines", ("%s\n" % J()).replace("何女士", "何\\u0000女士").encode(),
          ["第1行"], ext="jsonl")
both_feed("jsonl-dupkey", "a JSON Lines row with a key twice", ('{"setl_id":"A","setl_id":"B"}\n').encode(),
          ["第1行"], ext="jsonl")
both_feed("jsonl-gbk", "JSON Lines in GB18030", ("%s\n" % J()).encode("gb18030"), ["UTF-8"], ext="jsonl")
both_feed("jsonl-medtype", "JSON Lines med_type abc", ("%s\n" % J(med_type="abc")).encode(),
          ["第1行", "med_type"], ext="jsonl")

# ---- the roster ---------------------------------------------------------
R = [
    ("id-check", "a wrong check digit", dict(id="610102199001011232"), ["第2行", "身份证号码", "校验位"]),
    ("id-birth", "born on 30 February", dict(id="610102199002301231"), ["第2行", "身份证号码", "出生日期"]),
    ("id-17", "17 characters", dict(id="61010219900101123"), ["第2行", "身份证号码", "17"]),
    ("id-empty", "no ID number", dict(id=""), ["第2行", "身份证号码"]),
    ("id-region", "an impossible region code", dict(id="000000199001011230"), ["第2行", "身份证号码"]),
    ("phone-short", "a phone of 5 digits", dict(phone="12345"), ["第2行", "手机号码", "11"]),
    ("phone-letters", "a phone with letters", dict(phone="1380000000a"), ["第2行", "手机号码"]),
    ("phone-prefix", "a phone starting 0", dict(phone="03800000000"), ["第2行", "手机号码"]),
    ("card-luhn", "a bank card failing Luhn", dict(card="6217000000000000005"), ["第2行", "银行卡号", "Luhn"]),
    ("card-short", "a bank card of 8 digits", dict(card="62170000"), ["第2行", "银行卡号"]),
    ("category", "an unknown category", dict(category="贵宾"), ["第2行", "人员类别"]),
    ("level-missing", "a model worker with no level", dict(category="劳模"), ["第2行", "劳模级别"]),
    ("level-bad", "a model level 区级", dict(category="劳模", level="区级"), ["第2行", "劳模级别"]),
    ("formula", "a name that is a spreadsheet formula", dict(name='=HYPERLINK("x")'), ["第2行", "姓名"]),
    ("formula-plus", "a name starting with +", dict(name="+cmd"), ["第2行", "姓名"]),
    ("name-empty", "an empty name", dict(name=""), ["第2行", "姓名"]),
    ("name-long", "a name of 40 characters", dict(name="王" * 40), ["第2行", "姓名"]),
    ("name-digits", "a name of digits", dict(name="12345"), ["第2行", "姓名"]),
    ("age", "too old for the plan", dict(id="11010519491231002X"), ["第2行", "NOT_ELIGIBLE_AGE"]),
]
for slug, what, over, err in R:
    both_roster(slug, what, roster(roster_row(name="李好", id="610102198505060024", card="", bank=""),
                                   roster_row(**over)), [e.replace("第2行", "第3行") for e in err])
both_roster("dup-in-file", "one ID number on two rows", roster(roster_row(), roster_row(name="王二")),
            ["第3行", "身份证号码", "重复"])
both_roster("nul", "a NUL in a name", roster(roster_row(name="王\0新")), ["第2行", "姓名", "空字符"])
both_roster("quote", "a quote never closed", roster(roster_row(name='"王新'), roster_row(id="610102198505060024")),
            ["第2行", "姓名", "引号不配对"])
both_roster("wide", "more values than the header", roster(roster_row() + ",多,余"), ["第2行", "有 10 个值"])
both_roster("no-id-col", "no ID number column", roster("王新,13800000000", head="姓名,手机号码"), ["身份证号码"])
both_roster("empty", "an empty file", b"", ["没有数据行"])
both_roster("header-only", "the header only", roster(), ["没有数据行"])
both_roster("zip-not-xlsx", "a zip archive that is no workbook", b"PK\x03\x04" + b"\0" * 60, ["XLSX"], ext="xlsx")
both_roster("bad-utf8", "bytes that are no text", b"\xff\xfe\xfa\xfb\n\x80\x81\n", ["第1行"])
both_roster("plan-unknown", "an unknown plan", roster(roster_row()), ["XX", "不存在"], plan="XX", status=404, exit=4)
case("roster-start-bad", "a start date 2026-13-01", "cli", ["start", "2026-13-01"], roster(roster_row()), "csv",
     args=["import", "roster", "{{INPUT}}", "--unit", "{{UNIT}}", "--plan", "ZY", "--start", "2026-13-01"], exit=2)
case("roster-unit-unknown", "an unknown unit", "cli", [NOUNIT], roster(roster_row()), "csv",
     args=["import", "roster", "{{INPUT}}", "--unit", NOUNIT, "--plan", "ZY", "--start", "2026-12-01"],
     exit=4)
case("roster-encoding", "an unknown --encoding", "cli", ["encoding", "latin1"], roster(roster_row()), "csv",
     args=["import", "roster", "{{INPUT}}", "--unit", "{{UNIT}}", "--plan", "ZY", "--start", "2026-12-01",
           "--encoding", "latin1"], exit=2)

# ---- the bank's result file ----------------------------------------------
both_bank("result-word", "a result that is neither 成功 nor 失败", bank("{{PEND}},OK,,R4B1"), ["第2行", "结果", "成功 或 失败"])
both_bank("unknown-payable", "an unknown payable number", bank("LP209900000001,成功,,R4B2"), ["第2行", "业务编号", "没有业务编号"])
both_bank("unknown-batch", "an unknown batch", bank("{{PEND}},成功,,R4B3,PB29990101-000000-1"), ["第2行", "批次号", "不存在"])
both_bank("serial-twice", "one bank serial on two rows", bank("{{PEND}},成功,,R4B4", "{{PAID}},成功,,R4B4"),
          ["第3行", "银行流水号", "出现两次"], status=409, exit=3)
both_bank("serial-reused", "a serial already used for another payment", bank("{{PEND}},成功,,{{PAIDREF}}"),
          ["第2行", "银行流水号", "已用于另一笔结果"], status=409, exit=3)
both_bank("not-in-batch", "a payment not in the named batch", bank("{{PAID}},成功,,R4B5,{{PENDBATCH}}"),
          ["第2行", "批次号", "中没有"], status=409, exit=3)
both_bank("amount-differs", "an amount that differs from the batch", bank("{{PEND}},成功,,R4B6,,0.01"),
          ["第2行", "金额", "不符"], status=409, exit=3)
both_bank("amount-word", "an amount that is no number", bank("{{PEND}},成功,,R4B7,,很多"), ["第2行", "金额"])
both_bank("failed-paid", "失败 for a payment already paid", bank("{{PAID}},失败,户名不符,R4B8"), ["第2行", "结果", "已是支付成功"], status=409, exit=3)
both_bank("failed-paid-noref", "失败 with no serial for a paid payment", bank("{{PAID}},失败,户名不符,"),
          ["第2行", "结果", "已是支付成功"], status=409, exit=3)
both_bank("paid-again", "成功 again under another serial", bank("{{PAID}},成功,,R4B9"), ["第2行", "已以流水号", "不能再次成功"], status=409, exit=3)
both_bank("same-twice", "one payment answered twice", bank("{{PEND}},成功,,R4B10", "{{PEND}},成功,,R4B11"),
          ["第3行", "出现两次"], status=409, exit=3)
both_bank("nul", "a NUL in a serial", bank("{{PEND}},成功,,R4\0B12"), ["第2行", "空字符"])
both_bank("wide", "more values than the header", bank("{{PEND}},成功,,R4B13,,,多余"), ["第2行", "有 7 个值"])
both_bank("no-ref-col", "no 业务编号 column", bank("成功,,R4B14", head="结果,失败原因,银行流水号"), ["业务编号"])
both_bank("empty", "an empty file", b"", ["没有数据行"])
both_bank("header-only", "the header only", bank(), ["没有数据行"])

# ---- command-line values -----------------------------------------------------
def cli(slug, what, args, error, exit=2):
    case("arg-" + slug, what, "cli", error, args=args, exit=exit)

cli("enroll-id", "enroll, a wrong check digit", ["enroll", "--id-number", "610102199001011232", "--plan", "ZY",
                                                 "--start", "2026-12-01"], ["校验位"])
cli("enroll-plan", "enroll, an unknown plan", ["enroll", "--id-number", "{{MEMBER}}", "--plan", "NOPE", "--start",
                                               "2026-12-01"], ["NOPE"], exit=4)
cli("enroll-date", "enroll, 2026-02-30", ["enroll", "--id-number", "{{MEMBER}}", "--plan", "ZY", "--start",
                                          "2026-02-30"], ["start"])
cli("claim-grade", "claim, disability grade 11", ["claim", "submit", "--id-number", "{{MEMBER}}", "--disability-grade",
                                                  "11", "--date", "2026-10-01"], ["disability"])
cli("claim-future", "claim, an event date in the future", ["claim", "submit", "--id-number", "{{MEMBER}}",
                                                           "--diagnosis", "J18.9", "--date", "2027-01-01"], ["date"])
cli("claim-icd", "claim, diagnosis XYZ", ["claim", "submit", "--id-number", "{{MEMBER}}", "--diagnosis", "XYZ",
                                          "--date", "2026-10-01"], ["diagnosis"])
cli("claim-setl", "claim, an unknown settlement", ["claim", "submit", "--id-number", "{{MEMBER}}", "--settlement",
                                                   "R4NOSUCH"], ["R4NOSUCH"], exit=4)
cli("claim-setl-twice", "claim, one settlement listed twice", ["claim", "submit", "--id-number", "{{SETLCERT}}",
                                                               "--settlement", "{{SETL}}", "--settlement", "{{SETL}}"],
    ["重复"])
cli("claim-nodate", "claim, no settlement and no date", ["claim", "submit", "--id-number", "{{MEMBER}}",
                                                         "--diagnosis", "J18.9"], ["date"])
cli("claim-unknown-member", "claim, a valid ID number of nobody", ["claim", "submit", "--id-number",
                                                                   NOBODY, "--diagnosis", "J18.9",
                                                                   "--date", "2026-10-01"], [NOBODY],
    exit=4)
cli("reject-noreason", "reject with an empty reason", ["claim", "reject", "{{CLAIM}}", "--reason", ""], ["reason"])
cli("report-unknown", "an unknown report", ["report", "nosuch"], ["nosuch"], exit=4)
cli("report-from", "a report from 2026-13-01", ["report", "claims", "--from", "2026-13-01"], ["from"])
cli("report-format", "a report in format pdf2", ["report", "claims", "--format", "pdf2"], ["format"], exit=1)
cli("lm-setl", "LM apply for an unknown settlement", ["lm", "apply", "--id-number", "{{MEMBER}}", "--settlement",
                                                      "R4NOSUCH"], ["R4NOSUCH"], exit=4)
cli("relief-budget", "a programme budget of -5", ["relief", "program", "add", "--code", "R4X", "--kind", "visit",
                                                  "--year", "2026", "--budget", "-5", "--name", "慰问"], ["budget"])
cli("relief-kind", "a programme of kind party", ["relief", "program", "add", "--code", "R4X", "--kind", "party",
                                                 "--year", "2026", "--budget", "100", "--name", "慰问"], ["kind"])
cli("relief-items", "goods items without a count", ["relief", "goods", "--program", "{{PROGRAM}}", "--add", "大米"],
    ["大米"])
cli("pay-confirm-missing", "a result file that does not exist", ["pay", "confirm", "/nonexistent/r4.csv"],
    ["/nonexistent/r4.csv"], exit=4)
cli("member-confirm-none", "confirm a card when none changed", ["member", "confirm-card", "{{MEMBER}}"],
    ["没有待确认的银行卡变更"], exit=3)

# ---- HTTP: bodies, queries, routes ---------------------------------------------
def http(slug, what, method, path, body, status, error, role="staff", headers=None, ext="body"):
    data = body if isinstance(body, bytes) or body is None else (
        body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)).encode()
    case("api-" + slug, what, "http", error, data, ext, method=method, path=path, role=role, status=status,
         headers=headers or {"Content-Type": "application/json"})

M = "{{MEMBER}}"
http("claim-notjson", "a body that is no JSON", "POST", "/api/v1/claims", "{id_number: 1", 400, ["JSON"])
http("claim-array", "a body that is an array", "POST", "/api/v1/claims", [1, 2], 400, ["VALIDATION"])
http("claim-empty", "an empty body", "POST", "/api/v1/claims", b"", 400, ["请求体为空"])
http("claim-utf8", "a body that is not UTF-8", "POST", "/api/v1/claims", b'{"id_number":"\xff\xfe"}', 400, ["UTF-8"])
http("claim-unknown-key", "an unknown key", "POST", "/api/v1/claims", {"id_number": M, "amount": "100"}, 400, ["amount"])
http("claim-both-lists", "settlements and setl_ids in one body", "POST", "/api/v1/claims",
     {"id_number": M, "settlements": ["{{SETL}}"], "setl_ids": ["{{SETL}}"]}, 400, ["settlements", "setl_ids"])
http("claim-settl-string", "settlements as a string", "POST", "/api/v1/claims", {"id_number": M, "settlements": "X"},
     400, ["settlements"])
http("claim-settl-17", "17 settlements", "POST", "/api/v1/claims",
     {"id_number": M, "settlements": ["S%d" % i for i in range(17)]}, 400, ["settlements", "16"])
http("claim-settl-number", "a settlement given as a number", "POST", "/api/v1/claims",
     {"id_number": M, "settlements": [123]}, 400, ["settlements"])
http("claim-settl-twice", "one settlement listed twice", "POST", "/api/v1/claims",
     {"id_number": "{{SETLCERT}}", "settlements": ["{{SETL}}", "{{SETL}}"]}, 400, ["重复"])
http("claim-noid", "no id_number", "POST", "/api/v1/claims", {"diagnosis": "J18.9", "date": "2026-10-01"}, 400,
     ["id_number"])
http("claim-id-number", "id_number given as a number", "POST", "/api/v1/claims", {"id_number": 610102199001011231},
     400, ["id_number"])
http("claim-id-check", "an id_number with a wrong check digit", "POST", "/api/v1/claims",
     {"id_number": "610102199001011232", "diagnosis": "J18.9", "date": "2026-10-01"}, 400, ["id_number", "校验位"])
http("claim-date", "date 2026-02-30", "POST", "/api/v1/claims",
     {"id_number": M, "diagnosis": "J18.9", "date": "2026-02-30"}, 400, ["date"])
http("claim-date-future", "a date in the future", "POST", "/api/v1/claims",
     {"id_number": M, "diagnosis": "J18.9", "date": "2027-02-01"}, 400, ["date"])
http("claim-icd", "diagnosis ABC", "POST", "/api/v1/claims", {"id_number": M, "diagnosis": "ABC", "date": "2026-10-01"},
     400, ["diagnosis"])
http("claim-grade-0", "disability_grade 0", "POST", "/api/v1/claims",
     {"id_number": M, "disability_grade": 0, "date": "2026-10-01"}, 400, ["disability_grade"])
http("claim-grade-11", "disability_grade 11", "POST", "/api/v1/claims",
     {"id_number": M, "disability_grade": 11, "date": "2026-10-01"}, 400, ["disability_grade"])
http("claim-grade-str", "disability_grade \"3\"", "POST", "/api/v1/claims",
     {"id_number": M, "disability_grade": "3", "date": "2026-10-01"}, 400, ["disability_grade"])
http("claim-accident-str", "accident \"yes\"", "POST", "/api/v1/claims",
     {"id_number": M, "accident": "yes", "date": "2026-10-01", "diagnosis": "S82.0"}, 400, ["accident"])
http("claim-dupkey", "a key given twice", "POST", "/api/v1/claims",
     '{"id_number":"%s","id_number":"%s"}' % (M, M), 400, ["JSON"])
http("claim-nul", "an escaped NUL in a string", "POST", "/api/v1/claims", '{"id_number":"6101\\u00000"}', 400,
     ["JSON"])
http("claim-deep", "JSON nested 10,000 deep", "POST", "/api/v1/claims", "[" * 10000 + "]" * 10000, 400, ["JSON"])
http("claim-resubmit-none", "a resubmission of a claim that does not exist", "POST", "/api/v1/claims",
     {"id_number": M, "diagnosis": "J18.9", "date": "2026-10-01", "resubmit_of": "LP209900000001"}, 404,
     ["LP209900000001"])
for q, what, err in [("per_page=0", "per_page=0", "per_page"), ("per_page=-1", "per_page=-1", "per_page"),
                     ("per_page=501", "per_page=501", "per_page"), ("per_page=abc", "per_page=abc", "per_page"),
                     ("per_page=", "per_page empty", "per_page"), ("page=0", "page=0", "page"),
                     ("page=-3", "page=-3", "page"), ("page=1x", "page=1x", "page"),
                     ("per_page=1e3", "per_page=1e3", "per_page")]:
    for lst in ["claims", "members"]:
        http("%s-%s" % (lst, q.replace("=", "-").replace("_", "") or "x"), "%s %s" % (lst, what), "GET",
             "/api/v1/%s?%s" % (lst, q), None, 400, [err])
http("member-badid", "a member by a malformed ID number", "GET", "/api/v1/members/61010219900101123", None, 400,
     ["id_number"])
http("member-none", "a member nobody is", "GET", "/api/v1/members/" + NOBODY, None, 404, ["不存在"])
http("route-none", "a route that does not exist", "GET", "/api/v1/nosuch", None, 404, ["NOT_FOUND"])
http("route-method", "DELETE on the claims list", "DELETE", "/api/v1/claims", None, 405, ["METHOD_NOT_ALLOWED"])
http("claim-none", "a claim number nobody has", "GET", "/api/v1/claims/LP209900000001", None, 404, ["不存在"])
http("approve-none", "approving a claim that does not exist", "POST", "/api/v1/claims/LP209900000001/approve", {}, 404,
     ["LP209900000001"], role="reviewer")
http("reject-noreason", "rejecting with no reason", "POST", "/api/v1/claims/{{CLAIM}}/reject", {}, 400, ["reason"],
     role="reviewer")
http("reject-reason-num", "a reason given as a number", "POST", "/api/v1/claims/{{CLAIM}}/reject", {"reason": 5}, 400,
     ["reason"], role="reviewer")
http("report-none", "a report that does not exist", "GET", "/api/v1/reports/nosuch", None, 404, ["nosuch"])
http("report-from", "a report from 2026-13-01", "GET", "/api/v1/reports/claims?from=2026-13-01", None, 400, ["from"])
http("report-format", "a report in format doc", "GET", "/api/v1/reports/claims?format=doc", None, 400, ["format"])
# the long lists' filters (issue 16)
http("claims-sort", "the claims list sorted by colour", "GET", "/api/v1/claims?sort=colour", None, 400, ["sort"])
http("claims-status", "claims in status lost", "GET", "/api/v1/claims?status=lost", None, 400, ["status"])
http("claims-from", "claims from 2026-13-01", "GET", "/api/v1/claims?from=2026-13-01", None, 400, ["from"])
http("claims-backwards", "claims from a day after to", "GET", "/api/v1/claims?from=2026-11-02&to=2026-11-01", None,
     400, ["from"])
http("claims-format", "the claims list as doc", "GET", "/api/v1/claims?format=doc", None, 400, ["format"])
http("members-flag", "members flagged hero", "GET", "/api/v1/members?flag=hero", None, 400, ["flag"])
http("members-covered", "members covered maybe", "GET", "/api/v1/members?covered=maybe", None, 400, ["covered"])
http("members-sort-masked", "a cadre sorting on masked ID numbers", "GET", "/api/v1/members?sort=id_number", None, 400,
     ["sort"], role="cadre")
http("login-notjson", "a login body that is no JSON", "POST", "/api/v1/session", "login=admin", 400, ["JSON"],
     role=None)
http("login-nopassword", "a login with no password", "POST", "/api/v1/session", {"login": "admin"}, 400,
     ["password"], role=None)
http("login-number", "a login given as a number", "POST", "/api/v1/session", {"login": 1, "password": "x"}, 400,
     ["login"], role=None)
http("member-add-id", "a new member with a bad ID", "POST", "/api/v1/members",
     {"name": "王新", "id_number": "610102199001011232", "unit": "{{UNIT}}"}, 400, ["id_number"])
http("member-add-phone", "a new member with a bad phone", "POST", "/api/v1/members",
     {"name": "王新", "id_number": "610102199001011231", "unit": "{{UNIT}}", "phone": "123"}, 400, ["phone"])
http("member-add-card", "a new member with a bad card", "POST", "/api/v1/members",
     {"name": "王新", "id_number": "610102199001011231", "unit": "{{UNIT}}", "bank_card": "6217000000000000005"}, 400,
     ["bank_card"])
http("unit-add-code", "a unit with a bad credit code", "POST", "/api/v1/units",
     {"code": "91610000MA6TG0000X", "name": "某公司", "org": "XA"}, 400, ["code"], role="admin")
http("org-add-empty", "an org with no name", "POST", "/api/v1/orgs", {"code": "R4", "name": ""}, 400, ["name"],
     role="admin")
http("coverage-plan", "a coverage of an unknown plan", "POST", "/api/v1/coverages",
     {"id_number": M, "plan": "NOPE", "start": "2026-12-01"}, 404, ["NOPE"])
http("coverage-start", "a coverage from 2026-02-30", "POST", "/api/v1/coverages",
     {"id_number": M, "plan": "ZY", "start": "2026-02-30"}, 400, ["start"])
http("recovery-amount", "a recovery of abc", "POST", "/api/v1/recoveries",
     {"id_number": M, "amount": "abc", "reason": "多付"}, 400, ["amount"], role="finance")
http("recovery-negative", "a recovery of -1.00", "POST", "/api/v1/recoveries",
     {"id_number": M, "amount": "-1.00", "reason": "多付"}, 400, ["amount"], role="finance")
http("lm-apply-setl", "an LM application without a settlement", "POST", "/api/v1/lm/applications",
     {"id_number": M}, 400, ["setl_id", "必填"])
http("lm-budget-word", "an LM budget of 很多", "POST", "/api/v1/lm/budget", {"year": 2026, "amount": "很多"}, 400,
     ["amount"], role="admin")
http("relief-program-kind", "a programme of an unknown kind", "POST", "/api/v1/relief/programs",
     {"code": "R4X", "kind": "party", "year": 2026, "budget": "100", "name": "慰问"}, 400, ["kind"], role="admin")
http("relief-program-year", "a programme for year \"2026\"", "POST", "/api/v1/relief/programs",
     {"code": "R4X", "kind": "visit", "year": "two", "budget": "100", "name": "慰问"}, 400, ["year"], role="admin")
http("donation-amount", "a donation of 0", "POST", "/api/v1/donations",
     {"program": "{{PROGRAM}}", "donor": "某公司", "amount": "0"}, 400, ["amount"], role="admin")
http("setting-value", "a setting of maybe", "PUT", "/api/v1/settings/card_two_person", {"value": "maybe"}, 400,
     ["value"], role="admin")
http("setting-none", "a setting that does not exist", "PUT", "/api/v1/settings/nosuch", {"value": "on"}, 400,
     ["nosuch"], role="admin")
http("unlock-none", "unlocking a login nobody has", "POST", "/api/v1/users/nosuch/unlock", {}, 404, ["nosuch"],
     role="admin")
http("batch-file-none", "the file of a batch that does not exist", "GET",
     "/api/v1/payment-batches/PB29990101-000000-1/file", None, 404, ["PB29990101-000000-1"], role="finance")
http("roster-nounit", "a roster with no unit", "POST", "/api/v1/rosters?plan=ZY&start=2026-12-01",
     roster(roster_row()), 400, ["unit"], ext="csv", headers={"Content-Type": "text/csv"})
http("roster-months", "a roster for 0 months", "POST", "/api/v1/rosters?unit={{UNIT}}&plan=ZY&start=2026-12-01&months=0",
     roster(roster_row()), 400, ["months"], ext="csv", headers={"Content-Type": "text/csv"})
http("settlements-empty", "an empty settlement upload", "POST", "/api/v1/settlements", b"", 400, ["没有数据行"],
     ext="csv", headers={"Content-Type": "text/csv"})

# the public application form (issue 15): no login, every field checked, nothing written
APPLY = {"name": "王新", "id_number": "610102199001011231", "phone": "13800000000", "occupation": "外卖骑手",
         "org": "XA-XYT"}
def apply(slug, what, body, status, error):
    http("apply-" + slug, what, "POST", "/api/v1/applications", body, status, error, role=None)
apply("notjson", "an application that is no JSON", "name=王新", 400, ["JSON"])
apply("empty", "an empty application", b"", 400, ["请求体为空"])
apply("unknown-key", "an application with an unknown key", dict(APPLY, email="a@b.c"), 400, ["email"])
apply("id-check", "an applicant's ID with a wrong check digit", dict(APPLY, id_number="610102199001011232"), 400,
      ["id_number", "校验位"])
apply("id-number", "an applicant's ID given as a number", dict(APPLY, id_number=610102199001011231), 400,
      ["id_number"])
apply("phone", "an applicant's phone 123", dict(APPLY, phone="123"), 400, ["phone"])
apply("nophone", "an application without a phone", {k: v for k, v in APPLY.items() if k != "phone"}, 400,
      ["phone", "必填"])
apply("occupation", "an occupation that is not new-form work", dict(APPLY, occupation="程序员"), 400, ["occupation"])
apply("org-district", "an application to a district union", dict(APPLY, org="XA-XC"), 400, ["org", "联合工会"])
apply("org-none", "an application to an org nobody has", dict(APPLY, org="NOPE"), 400, ["org", "联合工会"])
apply("member", "an application by a member", dict(APPLY, id_number=M), 409, ["已是工会会员"])
http("application-approve-none", "approving an application nobody made", "POST",
     "/api/v1/applications/RH209900000001/approve", {}, 404, ["RH209900000001"])
http("application-reject-noreason", "rejecting an application with no reason", "POST",
     "/api/v1/applications/RH209900000001/reject", {}, 400, ["reason"])
http("applications-status", "applications of status bogus", "GET", "/api/v1/applications?status=bogus", None, 400,
     ["status"])
http("sponsorship-months", "a sponsorship of 0 months", "POST", "/api/v1/sponsorships",
     {"org": "XA-XYT", "plan": "XYT", "months": 0, "from": "2027-01-01", "to": "2027-12-31"}, 400, ["months"],
     role="admin")
http("sponsorship-to", "a sponsorship whose window ends before it starts", "POST", "/api/v1/sponsorships",
     {"org": "XA-XYT", "plan": "XYT", "months": 12, "from": "2027-12-31", "to": "2027-01-01"}, 400, ["to"],
     role="admin")
http("sponsorship-plan", "a sponsorship of plan NOPE", "POST", "/api/v1/sponsorships",
     {"org": "XA-XYT", "plan": "NOPE", "months": 12, "from": "2027-01-01", "to": "2027-12-31"}, 404, ["NOPE"],
     role="admin")


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    seen = set()
    for i, c in enumerate(cases, 1):
        name = "%s-%s" % (c["via"], c["slug"])
        assert name not in seen, name
        seen.add(name)
        meta = {k: v for k, v in c.items() if k not in ("slug", "input_bytes", "ext")}
        if c["input_bytes"] is not None:
            meta["input"] = name + "." + c["ext"]
            with open(os.path.join(OUT, meta["input"]), "wb") as f:
                f.write(c["input_bytes"])
        else:
            meta["input"] = None
        with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(meta, f, ensure_ascii=False, indent=1)
            f.write("\n")
    print("%d cases (%d cli, %d http) in %s" % (len(cases), sum(c["via"] == "cli" for c in cases),
                                                 sum(c["via"] == "http" for c in cases), OUT))


if __name__ == "__main__":
    main()
