# The foreach benchmark in Python: sum 1..1,000,000 in a loop and print the total.
s = 0
for i in range(1, 1000001):
    s += i
print(s)
