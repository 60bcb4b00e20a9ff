/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/* Every kfunc of the kfunc module, and its version (KFUNC_VERSION_MAJOR...). */
#ifndef _KFUNCS_KFUNCS_H
#define _KFUNCS_KFUNCS_H

#include <kfunc/version.h>
#include <kfuncs/btf.h>
#include <kfuncs/dns.h>
#include <kfuncs/file.h>
#include <kfuncs/hash.h>
#include <kfuncs/http.h>
#include <kfuncs/mem.h>
#include <kfuncs/packet.h>
#include <kfuncs/proto.h>
#include <kfuncs/string.h>
#include <kfuncs/strstr.h>
#include <kfuncs/task.h>
#include <kfuncs/test.h>

#endif /* _KFUNCS_KFUNCS_H */
