/* Test guest: counts on the console, one line every 5 timer ticks of a 100 Hz PIT, idling on hlt
   between ticks. The count lives in guest memory, so after a snapshot restore it carries on. */
#include "interrupts.h"

static u64 count;

void main(void) {
    idt_set(32, timer_isr);
    idt_load();
    pic_init(0xfe);
    pit_init(100);
    puts("counter ready\r\n");
    u64 next = 5;
    for (;;) {
        __asm__ volatile("sti; hlt; cli");
        if (timer_ticks >= next) {
            next = timer_ticks + 5;
            count++;
            puts("count "); putdec(count); puts("\r\n");
        }
    }
}
