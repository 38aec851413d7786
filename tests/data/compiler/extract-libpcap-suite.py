#!/usr/bin/env python3
"""Regenerates accept.tsv and reject.tsv from the libpcap filter suite as data
(eval/compile/extract_libpcap_tests output: accept.jsonl, reject.jsonl), keeping netsift's
nine link types. Usage: extract-libpcap-suite.py DIR_WITH_JSONL
Columns: dlt, netmask ('' for none), needs (name databases, '-' for none), expression
(tabs and newlines in expressions become spaces)."""
import json, re, sys

DLTS = {'EN10MB', 'LINUX_SLL', 'LINUX_SLL2', 'RAW', 'IPV4', 'IPV6', 'NULL', 'LOOP', 'PPP'}
src = sys.argv[1]
seen = set()

def rows(name, keep):
    out = []
    for line in open('%s/%s.jsonl' % (src, name)):
        d = json.loads(line)
        if d['dlt'] not in DLTS or d.get('expr') is None or not keep(d):
            continue
        expr = re.sub(r'[\t\n\r]', ' ', d['expr'])
        key = (d['dlt'], expr, d['netmask'] or '')
        if key in seen:
            continue
        seen.add(key)
        out.append((d['dlt'], d['netmask'] or '', ','.join(d.get('needs') or []) or '-', expr))
    return out

# accept: Linux BPF extensions and savefile-specific compilations are not our targets
acc = rows('accept', lambda d: not d.get('linuxext') and not d.get('offline'))
# reject: 'dns' cases wait on the resolver; NO_PROTOCHAIN builds are not ours
rej = rows('reject', lambda d: 'dns' not in (d.get('needs') or []) and
           "skip_config_not_def1('NO_PROTOCHAIN')" != (d.get('skip') or ''))
for name, v in (('accept', acc), ('reject', rej)):
    with open('%s.tsv' % name, 'w') as f:
        f.write('# from libpcap master testprogs/TESTrun via extract-libpcap-suite.py: '
                'dlt, netmask, needs, expression\n')
        for r in v:
            f.write('\t'.join(r) + '\n')
print(len(acc), len(rej))
