"""Objects in the survivor regions of G1's last young pause before a heap dump, by class.

    python3 bench/hprof_survivors.py DUMP.hprof REGION.log UPTIME [TOP]

DUMP is a dump of all objects (jcmd PID GC.heap_dump -all FILE), REGION.log the JVM's -Xlog:gc,gc+age=trace,gc+region=trace
log, and UPTIME the JVM's uptime in seconds just before the dump (jcmd PID VM.uptime): the pauses after it do not
count. Object ids in an HPROF file are addresses, and the log's G1HR ALLOC(SURV) lines give the survivor
regions' addresses. Sizes are the dump's (8-byte references, 16-byte headers): compare them with each other, not with the
GC log's copied bytes. Used by bench/young-survivors.sh.
"""
import bisect
import collections
import mmap
import re
import struct
import sys

U4, U2, ID = struct.Struct(">I"), struct.Struct(">H"), struct.Struct(">Q")
TYPE_SIZE = {2: 8, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}
PRIMITIVE = {4: "boolean[]", 5: "char[]", 6: "float[]", 7: "double[]", 8: "byte[]", 9: "short[]", 10: "int[]", 11: "long[]"}
ROOT_SKIP = {0xFF: 8, 0x01: 16, 0x02: 16, 0x03: 16, 0x04: 12, 0x05: 8, 0x06: 12, 0x07: 8, 0x08: 16}


def uptime(line):
    return float(line[1:line.index("s]")])


def survivor_regions(log_path, before):
    """(start, end) of the survivor regions filled by the last young pause before the dump, and that pause's lines."""
    lines = open(log_path).read().splitlines()
    ends = [i for i, line in enumerate(lines)
            if "Pause Young" in line and line.rstrip().endswith("ms") and uptime(line) < before]
    if not ends:
        sys.exit("no young pause in " + log_path)
    gc = re.search(r"GC\((\d+)\)", lines[ends[-1]]).group(1)
    pause = [line for line in lines if f"GC({gc})" in line]
    regions = []
    for line in pause:
        m = re.search(r"G1HR ALLOC\(SURV\) \[(0x[0-9a-f]+), 0x[0-9a-f]+, (0x[0-9a-f]+)\]", line)
        if m:
            regions.append((int(m.group(1), 16), int(m.group(2), 16)))
    return sorted(regions), pause


def main():
    dump, log, before = sys.argv[1], sys.argv[2], float(sys.argv[3])
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 30
    regions, pause = survivor_regions(log, before)
    starts = [a for a, _ in regions]

    def in_survivor(address):
        i = bisect.bisect_right(starts, address) - 1
        return i >= 0 and address < regions[i][1]

    strings, names = {}, {}
    size, count = collections.Counter(), collections.Counter()
    with open(dump, "rb") as f:
        mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        p = mm.find(b"\0") + 1
        if U4.unpack_from(mm, p)[0] != 8:
            sys.exit("expects 8-byte ids (a 64-bit JVM's dump)")
        p += 12
        while p < len(mm):
            tag, length = mm[p], U4.unpack_from(mm, p + 5)[0]
            body, p = p + 9, p + 9 + length
            if tag == 0x01:
                strings[ID.unpack_from(mm, body)[0]] = mm[body + 8:body + length].decode("utf-8", "replace")
            elif tag == 0x02:
                names[ID.unpack_from(mm, body + 4)[0]] = strings.get(ID.unpack_from(mm, body + 16)[0], "?").replace("/", ".")
            elif tag in (0x0C, 0x1C):
                q, end = body, body + length
                while q < end:
                    sub = mm[q]
                    q += 1
                    if sub in ROOT_SKIP:
                        q += ROOT_SKIP[sub]
                    elif sub == 0x20:  # class dump: skip constants, statics and field descriptors
                        q += 8 + 4 + 6 * 8 + 4
                        n = U2.unpack_from(mm, q)[0]
                        q += 2
                        for _ in range(n):
                            q += 3 + TYPE_SIZE[mm[q + 2]]
                        n = U2.unpack_from(mm, q)[0]
                        q += 2
                        for _ in range(n):
                            q += 9 + TYPE_SIZE[mm[q + 8]]
                        q += 2 + U2.unpack_from(mm, q)[0] * 9
                    elif sub == 0x21:  # instance
                        address, cls, nbytes = ID.unpack_from(mm, q)[0], ID.unpack_from(mm, q + 12)[0], U4.unpack_from(mm, q + 20)[0]
                        q += 24 + nbytes
                        if in_survivor(address):
                            size[cls] += 16 + nbytes
                            count[cls] += 1
                    elif sub == 0x22:  # object array
                        address, n, cls = ID.unpack_from(mm, q)[0], U4.unpack_from(mm, q + 12)[0], ID.unpack_from(mm, q + 16)[0]
                        q += 24 + n * 8
                        if in_survivor(address):
                            size[cls] += 16 + 8 * n
                            count[cls] += 1
                    elif sub == 0x23:  # primitive array
                        address, n, kind = ID.unpack_from(mm, q)[0], U4.unpack_from(mm, q + 12)[0], mm[q + 16]
                        q += 17 + n * TYPE_SIZE[kind]
                        if in_survivor(address):
                            size[("primitive", kind)] += 16 + n * TYPE_SIZE[kind]
                            count[("primitive", kind)] += 1
                    else:
                        sys.exit(f"unknown heap dump record {sub:#x}")

    def name(key):
        return PRIMITIVE[key[1]] if isinstance(key, tuple) else names.get(key, "?")

    summary = next((line.split(") ", 1)[1] for line in pause if "Pause Young" in line and line.endswith("ms")), "")
    ages = [line.split(") ", 1)[1] for line in pause if "- age" in line]
    print(f"last young pause: {summary}; {len(regions)} survivor regions")
    if ages:
        print("  copied by age: " + "; ".join(a.replace("- age", "age").split(",")[0] for a in ages[:4]))
    total = sum(size.values())
    print(f"in them at the dump: {total / 1e6:.2f} MB (dump sizes), {sum(count.values())} objects")
    for key, bytes_ in size.most_common(top):
        print(f"{bytes_ / 1e6:8.3f} MB {count[key]:8d}  {name(key)}")


if __name__ == "__main__":
    main()
