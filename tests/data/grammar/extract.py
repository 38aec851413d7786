#!/usr/bin/env python3
"""Regenerates accept.jsonl and reject.jsonl here from libpcap's filter tests as data.

Usage: extract.py /path/to/libpcap-filter-tests   (the folder with accept.jsonl, reject.jsonl)
"""
import json
import os
import sys

OURS = {'EN10MB', 'LINUX_SLL', 'LINUX_SLL2', 'RAW', 'IPV4', 'IPV6', 'NULL', 'LOOP', 'PPP'}
LEXICAL = ('overflows 32 bits', 'non-octal digit', 'invalid Ethernet address', 'bogus ethernet',
           'invalid IPv6 address', 'bogus IPv6', 'data size must be')


def syntactic(errstr):
    # "syntax error in filter expression" is libpcap's message for a qualifier error (a bare
    # operand after `tcp`), which the code generator reports, not the parser.
    if 'syntax error' in errstr:
        return 'in filter expression' not in errstr
    return any(k in errstr for k in LEXICAL)


def main():
    src, here = sys.argv[1], os.path.dirname(os.path.abspath(__file__))
    for name, keep, fields in (('accept', lambda j: not j['expr'].startswith('_enumerate'),
                                ('expr', 'dlt')),
                               ('reject', lambda j: j['expr'] is not None and syntactic(j['errstr']),
                                ('expr', 'dlt', 'errstr')),
                               ('semantic', lambda j: j['expr'] is not None and not syntactic(j['errstr']),
                                ('expr',))):
        seen, out = set(), []
        for line in open(os.path.join(src, ('reject' if name == 'semantic' else name) + '.jsonl')):
            j = json.loads(line)
            if j['dlt'] in OURS and keep(j) and j['expr'] not in seen:
                seen.add(j['expr'])
                out.append(json.dumps({f: j[f] for f in fields}) + '\n')
        with open(os.path.join(here, name + '.jsonl'), 'w') as f:
            f.writelines(out)
        print(name, len(out))


main()
