// The KVM API as Swift sees it: linux/kvm.h for the structures, plus the ioctl request numbers,
// which are function-like macros (_IO/_IOR/_IOW/_IOWR) that Swift cannot import, wrapped one per inline function.
#ifndef CKVM_H
#define CKVM_H

#include <linux/kvm.h>
#include <sys/ioctl.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <stdint.h>

#define CKVM_REQUEST(name) static inline unsigned long ckvm_##name(void) { return (unsigned long)(name); }

// System ioctls (on /dev/kvm).
CKVM_REQUEST(KVM_GET_API_VERSION)
CKVM_REQUEST(KVM_CREATE_VM)
CKVM_REQUEST(KVM_CHECK_EXTENSION)
CKVM_REQUEST(KVM_GET_VCPU_MMAP_SIZE)
CKVM_REQUEST(KVM_GET_SUPPORTED_CPUID)

// VM ioctls.
CKVM_REQUEST(KVM_CREATE_VCPU)
CKVM_REQUEST(KVM_SET_USER_MEMORY_REGION)
CKVM_REQUEST(KVM_SET_TSS_ADDR)
CKVM_REQUEST(KVM_SET_IDENTITY_MAP_ADDR)
CKVM_REQUEST(KVM_CREATE_IRQCHIP)
CKVM_REQUEST(KVM_IRQ_LINE)
CKVM_REQUEST(KVM_GET_IRQCHIP)
CKVM_REQUEST(KVM_SET_IRQCHIP)
CKVM_REQUEST(KVM_CREATE_PIT2)
CKVM_REQUEST(KVM_GET_PIT2)
CKVM_REQUEST(KVM_SET_PIT2)
CKVM_REQUEST(KVM_GET_CLOCK)
CKVM_REQUEST(KVM_SET_CLOCK)
CKVM_REQUEST(KVM_IRQFD)
CKVM_REQUEST(KVM_IOEVENTFD)

// vCPU ioctls.
CKVM_REQUEST(KVM_RUN)
CKVM_REQUEST(KVM_GET_REGS)
CKVM_REQUEST(KVM_SET_REGS)
CKVM_REQUEST(KVM_GET_SREGS)
CKVM_REQUEST(KVM_SET_SREGS)
CKVM_REQUEST(KVM_GET_FPU)
CKVM_REQUEST(KVM_SET_FPU)
CKVM_REQUEST(KVM_GET_MSRS)
CKVM_REQUEST(KVM_SET_MSRS)
CKVM_REQUEST(KVM_SET_CPUID2)
CKVM_REQUEST(KVM_GET_LAPIC)
CKVM_REQUEST(KVM_SET_LAPIC)
CKVM_REQUEST(KVM_GET_MP_STATE)
CKVM_REQUEST(KVM_SET_MP_STATE)
CKVM_REQUEST(KVM_GET_VCPU_EVENTS)
CKVM_REQUEST(KVM_SET_VCPU_EVENTS)
CKVM_REQUEST(KVM_GET_XCRS)
CKVM_REQUEST(KVM_SET_XCRS)
CKVM_REQUEST(KVM_GET_XSAVE)
CKVM_REQUEST(KVM_SET_XSAVE)

#undef CKVM_REQUEST

/// ioctl(2) with a pointer argument; Swift cannot call the variadic C function directly.
static inline int ckvm_ioctl_ptr(int fd, unsigned long request, void *argument) {
    return ioctl(fd, request, argument);
}

/// ioctl(2) with an integer argument.
static inline int ckvm_ioctl_int(int fd, unsigned long request, unsigned long argument) {
    return ioctl(fd, request, argument);
}

/// The in-kernel irqchip identifiers for KVM_GET_IRQCHIP/KVM_SET_IRQCHIP.
static inline uint32_t ckvm_irqchip_pic_master(void) { return KVM_IRQCHIP_PIC_MASTER; }
static inline uint32_t ckvm_irqchip_pic_slave(void) { return KVM_IRQCHIP_PIC_SLAVE; }
static inline uint32_t ckvm_irqchip_ioapic(void) { return KVM_IRQCHIP_IOAPIC; }

/// Opens (creating if needed) the tap device `name` with IFF_TAP|IFF_NO_PI, non-blocking and close-on-exec,
/// with a virtio-net header of `vnet_header_size` bytes when > 0. Writes the kernel's name (16 bytes) to
/// `chosen_name`. Returns the fd, or -1 with errno.
int ckvm_tap_open(const char *name, int vnet_header_size, char *chosen_name);

/// Moves the calling thread into the network namespace at `path` (setns with CLONE_NEWNET). 0 or -1 with errno.
int ckvm_enter_netns(const char *path);

#endif
