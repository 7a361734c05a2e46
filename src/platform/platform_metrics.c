/* platform_metrics.c: font figures the UI lays out with. */
#include "platform_internal.h"

double platform_cap_ratio(const platform *p)
{
    return fonts_cap_height_ratio(p->fonts);
}
