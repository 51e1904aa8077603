/**
 * Shell snippets in the styles network scripts use, run by real bash (`measure.ts`) and by the
 * interpreter (`../interp.test.ts`). Network tools are stand-ins that log their arguments and
 * fail when an argument is FAIL, so what is compared is the shell: which commands run, in
 * which order, with which words; what is printed; the exit status; where the ERR trap fires.
 */
export interface BashCase {
  name: string;
  script: string;
  args?: string[];
  /** Companion files next to the script. */
  files?: Record<string, string>;
}

export const BASH_CASES: BashCase[] = [
  { name: 'functions-with-locals', script: 'mk() {\n  local ns=$1 ip=$2\n  ip netns add "$ns"\n  ip -n "$ns" addr add "$ip/24" dev eth0\n}\nfor i in 1 2 3; do mk ns$i 10.0.0.$i; done\necho "ns=${ns:-unset}"\n' },
  { name: 'function-keyword-and-return', script: 'function up { ip link set "$1" up; return 3; }\nup br0\necho "rc=$?"\nup FAIL || echo failed\n' },
  { name: 'c-style-for-break-continue', script: 'for ((i=0; i<6; i++)); do\n  [ $i -eq 1 ] && continue\n  [ $i -eq 4 ] && break\n  ip link add v$i type dummy\ndone\necho $i\n' },
  { name: 'while-arith', script: 'i=1\nwhile [ $i -le 3 ]; do\n  ip netns add ns$i\n  i=$((i+1))\ndone\nuntil [ $i -eq 0 ]; do i=$((i-1)); done\necho $i\n' },
  { name: 'case-patterns', script: 'for m in bridge vepa private passthru other; do\n  case "$m" in\n    bridge|vepa) ip link add link eth0 name m-$m type macvlan mode $m ;;\n    pri*) echo "private $m" ;;\n    p?ss*) echo pass ;&\n    x) echo fell ;;\n    *) echo "unknown $m" ;;\n  esac\ndone\n' },
  { name: 'if-elif-else-tests', script: 'N=3\nif [ "$N" -gt 5 ]; then echo big\nelif [ "$N" -eq 3 ] && [ -n "$N" ]; then echo three\nelse echo small; fi\nif [[ $N == [0-9] && ! -z $N ]]; then echo digit; fi\n[[ "abc" =~ ^a(b)c$ ]] && echo re\ntest -z "" && echo empty\n[ a = b ] || echo differ\n' },
  { name: 'parameter-expansions', script: 'unset A\necho "${A:-def}" "${A-x}" "${A:=set}" "$A"\nB=container-12345678abcdef\necho ${B:0:8} ${B: -4} ${#B} ${B#*-} ${B%-*} ${B##c*n} ${B%%[0-9]*}\nC=eth0.10\necho ${C/./_} ${C//0/O} ${C^^} ${B:+yes}\n' },
  { name: 'command-substitution', script: 'NS=$(echo red)\nfor i in $(seq 1 3); do ip netns add "$NS$i"; done\nN=$(seq 2 | wc -l 2>/dev/null; echo x)\nX=`echo back`\necho "$X" "$(echo "$(echo nested)")"\nLEN=$(printf "%s" "$NS" | cat)\necho "$LEN"\n' },
  { name: 'positional-parameters', args: ['br0', 'eth0', 'x y'], script: 'echo $# "$1" "${2}"\nfor a in "$@"; do echo "[$a]"; done\nfor a in $*; do echo "<$a>"; done\nshift\necho "$#:$*"\nset -- one two\necho "$#:$1:$2"\nshift 2\necho "$#"\n' },
  { name: 'usage-check-exits', args: ['onlyone'], script: '[ $# -lt 2 ] && { echo "usage: $0 BR IF"; exit 1; }\nip link add "$1" type bridge\n' },
  { name: 'usage-check-passes', args: ['br0', 'eth0'], script: '[ $# -lt 2 ] && { echo "usage"; exit 1; }\nip link add "$1" type bridge\nip link set "$2" master "$1"\n' },
  { name: 'set-e-stops', script: 'set -e\nip link add br0 type bridge\nip link set FAIL up\nip link set br0 up\n' },
  { name: 'set-e-not-in-conditions', script: 'set -o errexit\nif ip link show FAIL; then echo yes; else echo no; fi\nip link del FAIL || true\nip link del FAIL && echo never\n! ip link show FAIL\nwhile ip link show FAIL; do :; done\nip link add ok type dummy\nfalse\necho notreached\n' },
  { name: 'set-e-function-in-if', script: 'set -e\nf() { ip link add FAIL; echo "inside $?"; }\nif f; then echo "f ok"; fi\nf\necho notreached\n' },
  { name: 'set-eux-and-pipefail', script: 'set -eu -o pipefail\nip link add a type dummy\necho x | ip link set FAIL up | cat\necho notreached\n' },
  { name: 'pipe-without-pipefail', script: 'set -e\nip link set FAIL up | cat\necho reached\n' },
  { name: 'err-trap-lines', script: 'ip link add FAIL\nf() { ip link del FAIL; }\nf\n(ip link set FAIL up)\nX=$(ip link show FAIL)\nip link show FAIL || true\ntrue && ip addr add FAIL\n' },
  { name: 'status-variable', script: 'ip link add FAIL\necho "rc=$?"\nip link add ok type dummy\necho "rc=$?"\n! true\necho "rc=$?"\n' },
  { name: 'here-doc', script: 'NAME=br0\ncat <<EOF\nbridge $NAME\n$(echo sub)\nEOF\ncat <<\'EOF\'\nliteral $NAME\nEOF\nwhile read a b; do ip link add "$a" type "$b"; done <<EOF\nd0 dummy\nd1 dummy\nEOF\n' },
  { name: 'arrays', script: 'NS=(red blue "green one")\necho ${#NS[@]} ${NS[1]}\nfor n in "${NS[@]}"; do ip netns add "$n"; done\nNS+=(x)\necho "${NS[*]}"\n' },
  { name: 'printf-formats', script: 'printf "%s-%d\\n" a 1 b 2\nprintf "%03d|%-4s|%x\\n" 7 ab 255\nprintf -v V "%s.%s" 10 0\necho "$V"\nfor i in 1 2; do ip addr add "$(printf 10.0.%d.1/24 $i)" dev eth0; done\n' },
  { name: 'subshell-and-pipe-isolation', script: 'X=1\n(X=2; echo "in $X")\necho "out $X"\necho 5 | read Y\necho "Y=${Y:-unset}"\n{ X=3; }\necho "$X"\n' },
  { name: 'source-vars-file', files: { 'vars.sh': 'BR=br-lab\nSUBNET=10.10.0\nmkveth() { ip link add "$1" type veth peer name "$2"; }\n' }, script: 'source ./vars.sh\n. vars.sh\nip link add "$BR" type bridge\nmkveth v1 v1p\nip addr add $SUBNET.1/24 dev $BR\n' },
  { name: 'sudo-and-env-prefix', script: 'sudo ip link add br0 type bridge\nsudo -E ip link set br0 up\nBR=x ip link add y type dummy\necho "BR=${BR:-none}"\n' },
  { name: 'export-readonly-declare', script: 'export A=1 B\nreadonly R=ro\ndeclare -i N=5\ndeclare S=str\necho $A ${B:-e} $R $N $S\nlocal_test() { declare L=1; echo "L=$L"; }\nlocal_test\necho "L=${L:-gone}"\n' },
  { name: 'brace-expansion', script: 'for i in {1..3}; do ip netns add ns$i; done\necho {a,b}-{1..2}\nfor v in veth{0..1}; do ip link set $v up; done\necho {05..07}\n' },
  { name: 'multiline-strings-and-continuations', script: 'MSG="line one\nline two"\necho "$MSG"\nip link add \\\n  br0 \\\n  type bridge\nip addr add 10.0.0.1/24 \\\n   dev br0 && echo ok\n' },
  { name: 'exit-in-function-and-status', script: 'die() { echo "error: $*"; exit 4; }\nip link add a type dummy\nip link add FAIL || die "cannot add"\necho notreached\n' },
  { name: 'nested-functions-recursion', script: 'count() { local n=$1; [ "$n" -le 0 ] && return 0; ip netns add ns$n; count $((n-1)); }\ncount 3\necho done\n' },
  { name: 'arith-command-and-let', script: 'i=0\n((i++))\n((i+=4))\nlet "j = i * 2"\necho $i $j $((j % 3)) $((2**5)) $((i > 3 ? 1 : 0))\n(( 0 )) || echo zero\n' },
  { name: 'default-assign-in-colon', script: ': ${BR:=br-default} ${MTU:=1500}\nip link add $BR type bridge\nip link set $BR mtu $MTU\n' },
  { name: 'getopts-free-arg-loop', args: ['-b', 'br9', '-n', '2'], script: 'while [ $# -gt 0 ]; do\n  case "$1" in\n    -b) BR=$2; shift 2 ;;\n    -n) N=$2; shift 2 ;;\n    *) echo "bad $1"; exit 2 ;;\n  esac\ndone\nip link add $BR type bridge\nfor i in $(seq 1 $N); do ip link add v$i type veth peer name v${i}p; ip link set v$i master $BR; done\n' },
  { name: 'eval-and-indirect-names', script: 'for i in 1 2; do eval "IP_$i=10.0.0.$i"; done\necho $IP_1 $IP_2\neval ip link add e$IP_1 type dummy\n' },
  { name: 'and-or-chains', script: 'ip link show FAIL && echo a || echo b\ntrue || ip link add x type dummy && echo c\nfalse && echo d; echo e\n' },
  { name: 'getopts-options', args: ['-b', 'br7', '-v', '-n3', 'rest'], script: 'while getopts ":b:n:v" opt; do\n  case $opt in\n    b) BR=$OPTARG ;;\n    n) N=$OPTARG ;;\n    v) V=1 ;;\n    \\?) echo "bad -$OPTARG"; exit 2 ;;\n  esac\ndone\nshift $((OPTIND - 1))\necho "$BR $N ${V:-0} $# $1"\nip link add "$BR" type bridge\n' },
  { name: 'text-filters-in-pipes', script: 'LIST=$(printf "red (id: 1)\\nblue (id: 0)\\n")\nif echo "$LIST" | grep -qw red; then echo has-red; fi\necho "$LIST" | grep -q green || ip netns add green\nFIRST=$(echo "$LIST" | awk \'{print $1}\' | head -1)\nN=$(echo "$LIST" | wc -l)\nIDS=$(echo "$LIST" | cut -d: -f2 | tr -d " )" | sort -n | tr "\\n" ,)\necho "$FIRST $N $IDS"\necho "$LIST" | grep -c id\n' },
  { name: 'exit-trap-cleanup', script: 'cleanup() { echo "cleanup rc=$?"; ip netns del scratch; }\ntrap cleanup EXIT\nip netns add scratch\nip link add v0 type veth peer name v1\necho built\n' },
  { name: 'exit-trap-after-set-e', script: 'set -e\ntrap \'echo "trap $?"; ip link del br0 || true\' EXIT\nip link add br0 type bridge\nip link set FAIL up\necho notreached\n' },
  { name: 'exit-trap-reset-and-exit-status', script: 'trap "ip netns del a" EXIT\ntrap - EXIT\ntrap \'ip netns del b; exit 5\' 0 INT TERM\nip netns add b\nexit 3\n' },
];
