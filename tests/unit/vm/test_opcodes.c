/* The opcode table: exactly the kernel's allowed list (net/core/filter.c chk_code_allowed),
 * 49 codes, each looked up to its own row; the ancillary table indexed by SKF_AD_* offset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vm/opcodes.h"

static void table_is_the_kernel_list(void **state)
{
	(void)state;
	static const uint16_t kernel[] = {
		0x04, 0x0c, 0x14, 0x1c, 0x24, 0x2c, 0x34, 0x3c, 0x94, 0x9c, 0x54, 0x5c, 0x44, 0x4c,
		0xa4, 0xac, 0x64, 0x6c, 0x74, 0x7c, 0x84, 0x20, 0x28, 0x30, 0x80, 0x40, 0x48, 0x50,
		0x00, 0x60, 0x81, 0xb1, 0x01, 0x61, 0x02, 0x03, 0x07, 0x87, 0x06, 0x16, 0x05, 0x15,
		0x1d, 0x35, 0x3d, 0x25, 0x2d, 0x45, 0x4d};
	assert_int_equal(NS_OP_COUNT - 1, sizeof(kernel) / sizeof(kernel[0]));
	int count = 0;
	for (unsigned c = 0; c < 0x10000; c++) {
		enum ns_op op = ns_op_of((uint16_t)c);
		int listed = 0;
		for (size_t i = 0; i < sizeof(kernel) / sizeof(kernel[0]); i++)
			listed |= kernel[i] == c;
		assert_int_equal(op != NS_OP_INVALID, listed);
		if (op != NS_OP_INVALID) {
			assert_int_equal(ns_opinfo_table[op].code, c);
			count++;
		}
	}
	assert_int_equal(count, 49);
}

static void ancillary_rows(void **state)
{
	(void)state;
	const ns_ancillary *a = ns_ancillary_of(0xfffff000u + 44);
	assert_non_null(a);
	assert_string_equal(a->name, "vlan_tci");
	assert_null(ns_ancillary_of(0xfffff000u + 64));
	assert_null(ns_ancillary_of(0xfffff000u + 45));
	assert_null(ns_ancillary_of(12));
	assert_ptr_equal(ns_ancillary_by_name("rand", 4), ns_ancillary_of(0xfffff000u + 56));
	assert_ptr_equal(ns_ancillary_by_name("random", 6), ns_ancillary_of(0xfffff000u + 56));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_is_the_kernel_list),
		cmocka_unit_test(ancillary_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
