# The pipeline benchmark in Python: stream 1..1,000,000 through a doubling step and sum it.
def numbers():
    for i in range(1, 1000001):
        yield i

def doubled(items):
    for x in items:
        yield x * 2

total = 0
count = 0
for v in doubled(numbers()):
    total += v
    count += 1
print(count, total)
