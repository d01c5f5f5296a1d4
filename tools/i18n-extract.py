# One-off helper (kept for new pages): gives every static text in a page a data-i18n key and writes
# the English into web/shared/i18n/en.json. Run from the repo root: python3 tools/i18n-extract.py web/x/page.html
import json, re, sys, os
web = 'web'
cat_path = os.path.join(web, 'shared', 'i18n', 'en.json')
catalogue = json.load(open(cat_path)) if os.path.exists(cat_path) else {}
TAGS = 'h1|h2|h3|h4|p|label|legend|button|a|th|td|dt|dd|li|option|span|strong|summary|title|caption|em|div'
INLINE = 'a|strong|em|code|button|span|abbr'

def prefix_of(path):
    rel = os.path.relpath(path, web)[:-5].replace(os.sep, '/')
    return {'index': 'home', 'secretariat/rounds': 'secretariat.rounds', 'applicant/rounds': 'applicant.rounds'}.get(rel, rel.replace('/', '.'))

def slug(text):
    words = re.findall(r'[A-Za-z0-9]+', text.lower())[:4]
    return '-'.join(words) or 'text'

def norm(text):
    return re.sub(r'\s+', ' ', text).strip()

def add(prefix, ident, text):
    base = f'{prefix}.{ident}'
    key, n = base, 2
    while key in catalogue and catalogue[key] != text:
        key, n = f'{base}-{n}', n + 1
    catalogue[key] = text
    return key

for path in sys.argv[1:]:
    html = open(path).read()
    prefix = prefix_of(path)
    out, pos = [], 0
    mixed = re.compile(rf'<({TAGS})(\s[^>]*)?>((?:[^<]|<({INLINE})\b[^>]*>[^<]*</\4>)*)</\1>', re.S)
    for m in mixed.finditer(html):
        tag, attrs, body = m.group(1), m.group(2) or '', m.group(3)
        if 'data-i18n=' in attrs or not re.search(r'[A-Za-z]', re.sub(r'<[^>]*>', '', body)):
            continue
        if tag == 'div' and '<' not in body and False:
            continue
        before = html[:m.start()]
        if before.rfind('<noscript>') > before.rfind('</noscript>'):
            continue
        children = re.findall(rf'<({INLINE})\b[^>]*>([^<]*)</\1>', body)
        outside = re.sub(rf'<({INLINE})\b[^>]*>[^<]*</\1>', '', body)
        if children and not re.search(r'[A-Za-z]', outside):
            continue  # only a wrapper of inline elements: their own matches handle them
        text = norm(re.sub(rf'<({INLINE})\b[^>]*>([^<]*)</\1>', lambda c: '[' + norm(c.group(2)) + ']', body))
        ident = re.search(r'\sid="([^"]+)"', attrs)
        key = add(prefix, ident.group(1) if ident else slug(re.sub(r'[\[\]]', '', text)), text)
        out.append(html[pos:m.start()])
        out.append(f'<{tag}{attrs} data-i18n="{key}">{body}</{tag}>')
        pos = m.end()
    out.append(html[pos:])
    html = ''.join(out)
    def attr(m):
        name, value = m.group(1), m.group(2)
        return m.group(0)
    # aria-label and placeholder values become data-i18n-attr
    def tag_attrs(m):
        whole = m.group(0)
        pairs = []
        for name in ('aria-label', 'placeholder'):
            a = re.search(rf'\s{name}="([^"]+)"', whole)
            if a and 'data-i18n-attr' not in whole:
                pairs.append(f'{name}:' + add(prefix, slug(a.group(1)), a.group(1)))
        if not pairs:
            return whole
        return whole[:-1] + f' data-i18n-attr="{"; ".join(pairs)}">'
    html = re.sub(r'<[a-z][^<>]*\s(?:aria-label|placeholder)="[^"]*"[^<>]*>', tag_attrs, html)
    open(path, 'w').write(html)

os.makedirs(os.path.dirname(cat_path), exist_ok=True)
json.dump(dict(sorted(catalogue.items())), open(cat_path, 'w'), ensure_ascii=False, indent=1)
open(cat_path, 'a').write('\n')
