# The Measure-Object benchmark in Python: stream 1..1,000,000 through a doubling step and sum.
total = 0
count = 0
for i in range(1, 1000001):
    total += i * 2
    count += 1
assert total == 1000001000000 and count == 1000000
