"""Writes a folder of hostile notes for the batch guarantees of `jnrf annotate` (docs/robustness.md).

10,000 notes of random words, control characters, CJK and emoji, empty notes, invalid UTF-8, form feeds, odd and
245-byte names, one note of 200,000 words, a linked folder, a link loop and a dangling link. Every note holds MARK,
so a grep of the run's stdout, stderr and errors.tsv shows whether any note text leaked.

usage: python3 hostile_notes.py OUT_FOLDER   (OUT_FOLDER must not exist)
"""
import os, random, sys
random.seed(13)
root = os.path.abspath(sys.argv[1])
linked = root + "-linked"
os.makedirs(root + "/sub/deeper", exist_ok=True)
MARK = "ZQXMARKER"
words = "warfarin 5 mg daily aspirin caused bleeding nausea po bid metformin for diabetes rash after penicillin".split()
def rnd_unicode(n):
    out = []
    for _ in range(n):
        r = random.random()
        if r < 0.6: out.append(random.choice(words) + " ")
        elif r < 0.7: out.append(chr(random.choice([0x0c, 0x0b, 0x00, 0x07, 0x1b, 0x7f, 0x85, 0x2028, 0xfeff, 0xfffe])))
        elif r < 0.8: out.append(chr(random.randint(0x4e00, 0x9fff)))
        elif r < 0.85: out.append(chr(random.randint(0x1f300, 0x1f6ff)))
        elif r < 0.9: out.append("\n")
        else: out.append(chr(random.randint(0x20, 0x7e)))
    return "".join(out)
n = 0
for i in range(10000):
    folder = root if i % 3 else (root + "/sub" if i % 2 else root + "/sub/deeper")
    kind = i % 50
    name = "note-%05d" % i
    if kind == 7: name = "odd name %05d ü" % i
    if kind == 8: name = ("L" * 230) + "%05d" % i
    path = os.path.join(folder, name + ".txt")
    if kind == 1:
        data = b""                                   # empty
    elif kind == 2:
        data = (MARK + " caf\xe9 warfarin").encode("latin-1")   # invalid UTF-8
    elif kind == 3:
        data = ("Page 1\f" + MARK + " Warfarin 5 mg").encode()
    else:
        data = (MARK + " " + rnd_unicode(random.randint(1, 300)) + " " + MARK).encode("utf-8", "surrogatepass")
    with open(path, "wb") as f: f.write(data)
    n += 1
# one 200k-token note
with open(root + "/huge.txt", "w") as f:
    f.write(MARK + " " + " ".join(random.choice(words) for _ in range(200000)) + " " + MARK)
n += 1
# links: a linked folder, a loop, a dangling link
os.makedirs(linked, exist_ok=True)
for j in range(2):
    with open(os.path.join(linked, "linked-%d.txt" % j), "w") as f: f.write(MARK + " aspirin 81 mg daily")
os.symlink(linked, root + "/linkdir")
os.symlink(root + "/sub", root + "/sub/deeper/loop")
os.symlink(root + "/nowhere.txt", root + "/dangling.txt")
print("files", n + 2, "plus links: loop, dangling")
