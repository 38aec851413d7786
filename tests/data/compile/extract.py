#!/usr/bin/env python3
"""Copies the parts of libpcap's filter test suite (as JSON lines in the shared corpus) that
netsift's differential compile tests need into small tab-separated files in this folder.

Run by hand when the corpus changes, never by the tests (the repo must stand alone):

    tests/data/compile/extract.py /work/shared/corpus/libpcap-filter-tests

Decisions, also recorded per case in skipped.tsv:
- Expressions that need entries in /etc/hosts, /etc/ethers or /etc/networks are skipped: the
  tests must not modify the machine, and both compilers resolve names through the system.
- Tests compiled with Linux BPF extensions (TESTrun's `filtertest -l`) are skipped: they are
  compiled for a live socket, whose metadata loads bpf_filter() cannot run.
- Skip conditions are evaluated for this platform (Linux, little-endian, protochain enabled).
- Accept tests that tcpdump 4.99.3 (libpcap 1.10.3, the oracle) refuses are "newer": their
  expected listings from libpcap's suite are kept (newer.tsv) and serve as the oracle.
Fields are escaped: backslash, tab and newline as \\\\, \\t, \\n."""
import json, os, subprocess, sys

DLTS = ['EN10MB', 'LINUX_SLL', 'LINUX_SLL2', 'RAW', 'IPV4', 'IPV6', 'NULL', 'LOOP', 'PPP']
HERE = os.path.dirname(os.path.abspath(__file__))


def esc(s):
    return str(s).replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n')


def skipped_here(cond):
    """Evaluates a TESTrun skip condition for Linux, little-endian, without name databases."""
    if not cond:
        return False
    env = {
        'skip_os': lambda o: o == 'linux',
        'skip_os_not': lambda o: o != 'linux',
        'skip_big_endian': lambda: False,
        'skip_little_endian': lambda: True,
        'skip_no_hosts': lambda: True, 'skip_no_hosts_casecmp': lambda: True,
        'skip_no_ethers': lambda: True, 'skip_no_ethers_casecmp': lambda: True,
        'skip_no_networks': lambda: True, 'skip_no_networks_casecmp': lambda: True,
        'skip_config_def1': lambda d: False,
        'skip_config_not_def1': lambda d: d == 'NO_PROTOCHAIN',
        # igrp is not in Debian's /etc/protocols: libpcap's built-in number 9 applies.
        'skip_igrp88': lambda: True, 'skip_igrp9': lambda: False,
    }
    return eval(cond.replace('&&', ' and ').replace('||', ' or '), env)


def tcpdump_accepts(dlt, snaplen, expr):
    cmd = ['tcpdump', '-y', dlt, '-d']
    if snaplen:
        cmd += ['-s', str(snaplen)]
    r = subprocess.run(cmd + ['--', expr], capture_output=True, timeout=60)
    return r.returncode == 0


# Accept tests where libpcap 1.10.3 is wrong and libpcap master right: `byte N & M` and
# `byte N | M` forget the load in 1.10.3 (the relation tests the constant alone). netsift
# follows master, so these tests go with the "newer" ones, whose expected listings (master's)
# are the oracle (docs/testing.md, "Known libpcap 1.10.3 defects").
MASTER_ORACLE = {'byte_and', 'byte_or'}


def main():
    src = sys.argv[1]
    skipped = []
    seen = set()
    acc, newer, rej = [], [], []
    for line in open(os.path.join(src, 'accept.jsonl')):
        d = json.loads(line)
        if d['dlt'] not in DLTS:
            continue
        key = (d['dlt'], d['snaplen'], d['netmask'], d['expr'])
        if key in seen:
            continue
        if d['needs']:
            skipped.append(('accept', d['dlt'], d['name'], d['expr'],
                            'needs name database entries: ' + ','.join(d['needs'])))
            continue
        if d['name'] == 'bpf_image':
            continue  # not an expression: TESTrun's listing-format test
        if d['linuxext']:
            skipped.append(('accept', d['dlt'], d['name'], d['expr'],
                            'compiled with Linux BPF extensions (live socket metadata)'))
            continue
        seen.add(key)
        row = [d['dlt'], d['snaplen'] or 0, d['netmask'] or '-', d['name'], d['expr']]
        if d['name'] in MASTER_ORACLE:
            # libpcap 1.10.3 defect fixed in master: master's listings are the oracle
            newer.append(row + [d['opt'] or '-', d['unopt'] or '-'])
        elif tcpdump_accepts(d['dlt'], d['snaplen'], d['expr']):
            acc.append(row)
        elif skipped_here(d['skip']):
            seen.discard(key)  # another alias of the block may apply here
            skipped.append(('accept', d['dlt'], d['name'], d['expr'],
                            'newer than libpcap 1.10.3 and its listing is for another platform: '
                            + d['skip']))
        else:
            newer.append(row + [d['opt'] or '-', d['unopt'] or '-'])
    rseen = set()
    for line in open(os.path.join(src, 'reject.jsonl')):
        d = json.loads(line)
        if d['dlt'] not in DLTS or d['expr'] is None:
            continue
        key = (d['dlt'], d['netmask'], d['expr'])
        if key in rseen:
            continue
        rseen.add(key)
        if d['needs'] and d['needs'] != ['dns']:
            skipped.append(('reject', d['dlt'], d['name'], d['expr'],
                            'needs name database entries: ' + ','.join(d['needs'])))
        elif 'dns' in d['needs']:
            skipped.append(('reject', d['dlt'], d['name'], d['expr'],
                            'needs a DNS lookup to fail (no network in tests)'))
        elif skipped_here(d['skip']):
            skipped.append(('reject', d['dlt'], d['name'], d['expr'],
                            'not an error on this platform: ' + d['skip']))
        else:
            rej.append([d['dlt'], d['netmask'] or '-', d['name'], d['expr']])

    def write(name, header, rows):
        with open(os.path.join(HERE, name), 'w') as f:
            f.write('# ' + header + '\n')
            for r in rows:
                f.write('\t'.join(esc(x) for x in r) + '\n')
    write('accept.tsv', 'dlt snaplen(0=default) netmask name expr  (from libpcap accept tests)', acc)
    write('newer.tsv', 'dlt snaplen netmask name expr opt-listing unopt-listing  '
          '(accepted by newer libpcap only; listings are the oracle)', newer)
    write('reject.tsv', 'dlt netmask name expr  (from libpcap reject tests)', rej)
    write('skipped.tsv', 'list dlt name expr reason  (cases of the suite not run here, and why)',
          skipped)
    print('accept %d newer %d reject %d skipped %d' % (len(acc), len(newer), len(rej), len(skipped)))


if __name__ == '__main__':
    main()
