# Writes a minimal XLSX (shared strings + an inline string) from CSV rows on
# stdin: enough SpreadsheetML to exercise the reader as Excel files do.
import csv, sys, zipfile
from xml.sax.saxutils import escape

rows = list(csv.reader(sys.stdin))
strings, index = [], {}
def sid(s):
    if s not in index:
        index[s] = len(strings); strings.append(s)
    return index[s]
def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26); s = chr(65 + r) + s
    return s
sheet = []
for r, row in enumerate(rows, start=1):
    cells = []
    for c, v in enumerate(row):
        ref = f"{col(c)}{r}"
        if v == "":
            continue
        if c == 2 and v.isdigit():   # phones as numbers, as Excel stores them
            cells.append(f'<c r="{ref}"><v>{v}</v></c>')
        elif c == 0 and r % 2 == 0:  # some names as inline strings
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
        else:
            cells.append(f'<c r="{ref}" t="s"><v>{sid(v)}</v></c>')
    sheet.append(f'<row r="{r}">{"".join(cells)}</row>')
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
rns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook {ns} {rns}><sheets><sheet name="花名册" sheetId="1" r:id="rId7"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="worksheet" Target="worksheets/roster.xml"/></Relationships>')
    z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0"?><sst {ns}>' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
    z.writestr("xl/worksheets/roster.xml", f'<?xml version="1.0"?><worksheet {ns}><sheetData>{"".join(sheet)}</sheetData></worksheet>')
