/* Interrupts for hvsh's guests in 64-bit mode: an IDT, the legacy PIC pair (vectors 0x20-0x2f) and the PIT.
   Guests idle on `sti; hlt` and wake on these interrupts instead of polling, which under KVM's instruction
   emulator would burn a host core. */
#ifndef HVSH_INTERRUPTS_H
#define HVSH_INTERRUPTS_H
#include "hvsh_guest.h"

struct idt_gate { u16 offset_low, selector; u8 ist, type; u16 offset_mid; u32 offset_high, zero; };
static struct idt_gate idt[48] __attribute__((aligned(16)));

/* Counters bumped by the interrupt stubs below. */
volatile u64 timer_ticks;
volatile u64 nic_events;
volatile u64 doorbells;
volatile u64 serial_events;

void timer_isr(void);
void nic_isr(void);
void doorbell_isr(void);
void serial_isr(void);
__asm__(
    ".globl timer_isr\n"
    "timer_isr:\n"
    "  push %rax\n"
    "  incq timer_ticks(%rip)\n"
    "  mov $0x20, %al\n"
    "  out %al, $0x20\n"
    "  pop %rax\n"
    "  iretq\n"
    ".globl nic_isr\n"
    "nic_isr:\n"
    "  push %rax\n"
    "  incq nic_events(%rip)\n"
    "  mov $0x20, %al\n"
    "  out %al, $0x20\n"
    "  pop %rax\n"
    "  iretq\n"
    ".globl doorbell_isr\n"
    "doorbell_isr:\n"
    "  push %rax\n"
    "  incq doorbells(%rip)\n"
    "  mov $0x20, %al\n"
    "  out %al, $0x20\n"
    "  pop %rax\n"
    "  iretq\n"
    ".globl serial_isr\n"
    "serial_isr:\n"
    "  push %rax\n"
    "  incq serial_events(%rip)\n"
    "  mov $0x20, %al\n"
    "  out %al, $0x20\n"
    "  pop %rax\n"
    "  iretq\n");

/* The host's shutdown request (Stop-VM without -TurnOff): report it and power off through the exit port. */
static inline void check_shutdown(volatile struct hvsh_info *info) {
    if (info->shutdown_requested) {
        puts("shutting down\r\n");
        outb(EXIT_PORT, 0);
        for (;;) __asm__ volatile("cli; hlt");
    }
}

/* The host's heartbeat (Get-VM's Heartbeat): answering the latest number is all a live guest does. */
static inline void check_heartbeat(volatile struct hvsh_info *info) {
    u8 request = info->heartbeat_request;
    if (info->heartbeat_answer != request) info->heartbeat_answer = request;
}

static inline void idt_set(int vector, void (*handler)(void)) {
    u64 h = (u64)handler;
    idt[vector] = (struct idt_gate){ (u16)h, 0x08, 0, 0x8e, (u16)(h >> 16), (u32)(h >> 32), 0 };
}

static inline void idt_load(void) {
    struct { u16 limit; u64 base; } __attribute__((packed)) idtr = { sizeof(idt) - 1, (u64)idt };
    __asm__ volatile("lidt %0" : : "m"(idtr));
}

/* PIC: vectors 0x20/0x28, cascade on IRQ 2; `mask` has a 0 bit for each master IRQ to enable. */
static inline void pic_init(u8 master_mask) {
    outb(0x20, 0x11); outb(0xa0, 0x11);
    outb(0x21, 0x20); outb(0xa1, 0x28);
    outb(0x21, 0x04); outb(0xa1, 0x02);
    outb(0x21, 0x01); outb(0xa1, 0x01);
    outb(0x21, master_mask); outb(0xa1, 0xff);
}

/* PIT channel 0 as a rate generator at `hz`. */
static inline void pit_init(u32 hz) {
    u32 divisor = 1193182 / hz;
    outb(0x43, 0x34); outb(0x40, (u8)divisor); outb(0x40, (u8)(divisor >> 8));
}
#endif
