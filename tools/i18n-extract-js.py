# One-off helper: turns plain English string literals in the portal's scripts into t('key') calls and
# adds their English to web/shared/i18n/en.json. Only sentence-like literals (a capital letter, and a
# space or final punctuation) are taken; codes, selectors and class names are left alone.
import json, re, sys, os
web = 'web'
cat_path = os.path.join(web, 'shared', 'i18n', 'en.json')
catalogue = json.load(open(cat_path))
by_text = {}
def prefix_of(path):
    rel = os.path.relpath(path, web)[:-3].replace(os.sep, '/')
    return 'js.' + rel.replace('/', '.')
def slug(text):
    return '-'.join(re.findall(r'[A-Za-z0-9]+', text.lower())[:5]) or 'text'
def add(prefix, text):
    if (prefix, text) in by_text:
        return by_text[(prefix, text)]
    base = f'{prefix}.{slug(text)}'
    key, n = base, 2
    while key in catalogue and catalogue[key] != text:
        key, n = f'{base}-{n}', n + 1
    catalogue[key] = text
    by_text[(prefix, text)] = key
    return key
lit = re.compile(r"(?<![\w\]\)])'((?:[^'\\\n]|\\.)*)'")
for path in sys.argv[1:]:
    src = open(path).read()
    prefix = prefix_of(path)
    out = []
    changed = False
    for line in src.split('\n'):
        s = line.lstrip()
        if s.startswith('//') or s.startswith('*') or s.startswith('import ') or 'console.' in line or 'querySelector' in line:
            out.append(line); continue
        def repl(m):
            global changed
            text = m.group(1)
            before = line[:m.start()]
            if re.search(r"\bt\($", before) or re.search(r"(class|id|href|type|name|role|for|value|scope|rel|target|method|autocomplete|inputmode)\s*:\s*$", before):
                return m.group(0)
            if not re.match(r"^[A-Z“‘(]", text) or not re.search(r"[a-z]", text):
                return m.group(0)
            if not (' ' in text.strip() or re.search(r"[.…?!:]$", text)):
                return m.group(0)
            key = add(prefix, text.replace("\\'", "'"))
            changed = True
            return f"t('{key}')"
        out.append(lit.sub(repl, line))
    new = '\n'.join(out)
    if changed and "from '" in new and ' t ' not in new.split('\n\n')[0] and not re.search(r"import \{[^}]*\bt\b[^}]*\} from '[^']*i18n\.js'", new):
        rel = os.path.relpath(os.path.join(web, 'shared', 'i18n.js'), os.path.dirname(path))
        rel = rel if rel.startswith('.') else './' + rel
        lines = new.split('\n')
        last = max(i for i, l in enumerate(lines) if l.startswith('import '))
        lines.insert(last + 1, f"import {{ t }} from '{rel}';")
        new = '\n'.join(lines)
    open(path, 'w').write(new)
json.dump(dict(sorted(catalogue.items())), open(cat_path, 'w'), ensure_ascii=False, indent=1)
open(cat_path, 'a').write('\n')
