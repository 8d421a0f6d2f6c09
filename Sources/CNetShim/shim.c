#include "cnetshim.h"
