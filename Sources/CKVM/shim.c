// CKVM is the KVM API's structures and request numbers (include/ckvm.h); a C target needs one source file.
#include "ckvm.h"
