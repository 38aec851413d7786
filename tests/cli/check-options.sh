#!/usr/bin/env bash
# The command line side by side with tcpdump 4.99.3: for each case, netsift and tcpdump run
# with the same arguments and must end with the same exit status, print the same standard
# output and the same messages (netsift's name for tcpdump's). The cases cover the value of
# every flag that takes one (tcpdump's words for bad values, and the odd values it accepts:
# "-c 3x" is 3, "-s 0x20" is 32), unknown flags and missing arguments (getopt's words; the
# usage text that follows differs and is not compared), -F files, and which job a command line
# is: -D before all, -r with capture-device flags it ignores, -d with and without -i.
#
# No case captures: a live job is always pointed at an interface that does not exist, so both
# programs get as far as opening it and stop there with the same message.
#
# A case is named by its arguments (paths relative to the tree, WORK for the scratch
# directory). Cases that fail for want of parts outside the command-line parser are listed in
# tests/data/cli/pending.txt: a pending case that fails is counted, one that passes fails the
# suite until it is taken off the list.
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
NETSIFT=${NETSIFT:-$ROOT/build/netsift}
SAMPLE=$ROOT/tests/data/sample.pcap
PENDING=$ROOT/tests/data/cli/pending.txt
command -v tcpdump >/dev/null || { echo "check-options: FAIL: tcpdump not found"; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

printf '# only a comment\n' >"$WORK/comment.filter"
printf 'ip # and a comment\n' >"$WORK/ip.filter"
NODEV=nosuch0

# Messages only: the program's name made tcpdump's, and the lines tcpdump adds after a getopt
# error (its version and usage) or netsift adds (its usage) dropped.
messages() {
	sed -e 's/^netsift: /tcpdump: /' "$1" |
		grep -v -e '^tcpdump version ' -e '^libpcap version ' -e '^OpenSSL ' -e '^Usage: ' -e '^	'
}

declare -A PENDING_SET=() SEEN=()
while IFS= read -r line; do
	line=${line%%#*}
	line=${line%"${line##*[! ]}"}
	[ -n "$line" ] && PENDING_SET[$line]=1
done <"$PENDING"

passed=0 pending=0 failed=0
case_() { # ARGS...: one command line, both programs
	local o_rc r_rc why="" name="$*"
	name=${name//$ROOT\//}
	name=${name//$WORK/WORK}
	SEEN[$name]=1
	timeout 10 "$NETSIFT" "$@" </dev/null >"$WORK/o.out" 2>"$WORK/o.err"
	o_rc=$?
	timeout 10 tcpdump "$@" </dev/null >"$WORK/r.out" 2>"$WORK/r.err"
	r_rc=$?
	if [ "$r_rc" = 124 ]; then
		why="tcpdump did not stop: the case is wrong"
	elif [ "$o_rc" != "$r_rc" ]; then
		why="exit status $o_rc, tcpdump $r_rc ($(messages "$WORK/o.err" | head -1) | $(messages "$WORK/r.err" | head -1))"
	elif ! cmp -s "$WORK/o.out" "$WORK/r.out"; then
		why="stdout differs: $(diff "$WORK/o.out" "$WORK/r.out" | head -3 | tr '\n' ' ')"
	elif ! d=$(diff <(messages "$WORK/o.err") <(messages "$WORK/r.err")); then
		why="messages differ: $(echo "$d" | grep '^[<>]' | head -2 | tr '\n' ' ')"
	fi
	if [ -n "$why" ] && [ -n "${PENDING_SET[$name]:-}" ]; then
		echo "  pending: $name: $why"
		pending=$((pending + 1))
	elif [ -n "$why" ]; then
		echo "  FAIL: $name: $why"
		failed=$((failed + 1))
	elif [ -n "${PENDING_SET[$name]:-}" ]; then
		echo "  FAIL: $name: passes but is listed in pending.txt: take it off the list"
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
}

# ---- bad values: tcpdump's message, status 1 ----
for v in 0 x -5 2147483648; do case_ -i $NODEV -c "$v"; done
for v in 0 x 2097152; do case_ -i $NODEV -B "$v"; done
for v in 0 abc 5x 1.5 0x10 1K 9223372036855 99999999999999999999 ''; do case_ -i $NODEV -C "$v"; done
case_ -i $NODEV -G -1
for v in 0 x -1 2147483648; do case_ -i $NODEV -W "$v"; done
for v in -1 x 262145 0x40001; do case_ -i $NODEV -s "$v"; done
for v in foo 1; do case_ -i $NODEV -y "$v"; done
case_ -i $NODEV -Q sideways
case_ -i $NODEV --time-stamp-precision=pico
case_ -r "$SAMPLE" -c 0
case_ -r "$SAMPLE" -s 300000
case_ -d -y EN10MB -s x

# ---- values tcpdump accepts, however odd: both go on and fail alike at the device ----
for v in 3x ' 12' 4294967297; do case_ -i $NODEV -c "$v"; done
for v in 3x 2097151; do case_ -i $NODEV -B "$v"; done
for v in ' 5' +5 9223372036854; do case_ -i $NODEV -C "$v"; done
for v in 0 abc 3x; do case_ -i $NODEV -G "$v"; done
case_ -i $NODEV -W 3x
for v in 0 0x20 ' 12' 4294967296 262144; do case_ -i $NODEV -s "$v"; done
case_ -i $NODEV -y en10mb
for v in IN out InOut; do case_ -i $NODEV -Q "$v"; done
case_ -i $NODEV --time-stamp-precision=nanoseconds
case_ -i $NODEV --micro -p -U -l --immediate-mode -N -Z nobody -w "$WORK/never.pcap"
case_ -i $NODEV -L
case_ -i $NODEV -d
case_ --interface=$NODEV --snapshot-length=100 --buffer-size=8 --direction=in --linktype=EN10MB

# ---- unknown flags and missing arguments: getopt's words, status 1 ----
case_ -k
case_ --bogus
case_ --count=1 -r "$SAMPLE"
case_ --nano=3 -d
case_ -d -y EN10MB -i
case_ -r
case_ -c
case_ -r "$SAMPLE" -Z

# ---- the jobs ----
# -r: the capture device's flags are accepted and do nothing; -c counts matching packets.
case_ -r "$SAMPLE" -n -c 3x
case_ -r "$SAMPLE" -n -c 2 -p -B 100 -Q in --immediate-mode -U -L -N -l
case_ -r "$SAMPLE" -n -i $NODEV -c 1
case_ -r "$SAMPLE" -n -C 1 -G 5 -W 2 -c 1
case_ -r /nonexistent/x.pcap -s 0x20
case_ -r /nonexistent/x.pcap --time-stamp-precision=nanoX
# -d without -i: a listing for -y's link type (Ethernet when none); -s in any base.
case_ -d
case_ -d -y EN10MB -s 0x20
case_ -ddd -y en10mb -c 3x
case_ -dd -y LINUX_SLL -N -p -B 9 -Q out --immediate-mode -G 3 -W 2
case_ -d -r "$SAMPLE"
# -F: the file is the expression, '#' comments blanked, operands ignored; tcpdump's words.
case_ -d -y EN10MB -F "$WORK/comment.filter"
case_ -r "$SAMPLE" -n -F "$WORK/ip.filter" tcp
case_ -d -y EN10MB -F /nonexistent/filter
case_ -d -y EN10MB -F "$WORK"
# -D lists before anything else, -F's file unread.
case_ -D -F /nonexistent/filter -r "$SAMPLE"

for name in "${!PENDING_SET[@]}"; do
	[ -n "${SEEN[$name]:-}" ] || { echo "  FAIL: pending.txt names an unknown case: $name"; failed=$((failed + 1)); }
done
echo "check-options: $passed passed, $pending pending, $failed failed"
[ "$failed" = 0 ]
