# What the hvsh table benchmark does, in Python: build 10,000 records, size each column to its
# widest label or value, and render a PowerShell-style table (numbers right-aligned) to one string.
rows = [{"Name": f"vm{i}", "State": "Off", "Count": i} for i in range(1, 10001)]
cols = ["Name", "State", "Count"]
cells = [[str(r[c]) for c in cols] for r in rows]
widths = [max(len(c), *(len(row[k]) for row in cells)) for k, c in enumerate(cols)]
right = [False, False, True]

def line(values):
    out = []
    for k, v in enumerate(values):
        last = k == len(values) - 1
        if right[k]:
            out.append(v.rjust(widths[k]))
        else:
            out.append(v if last else v.ljust(widths[k]))
    return " ".join(out)

text = "\n" + line(cols) + "\n" + line(["-" * len(c) for c in cols]) + "\n"
text += "\n".join(line(r) for r in cells) + "\n\n"
assert text.count("\n") == 10004
