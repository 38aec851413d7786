/* Encapsulations: vlan, mpls, pppoed/pppoes, geneve, vxlan. */
#include "compiler/gen.h"

ns_cond ns_gen_encap(ns_gen *g, ns_node *n)
{
	ns_fail_at(g->ctx, n, "encapsulation primitives are not supported yet");
}
