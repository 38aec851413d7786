/* Spellings of the qualifier enums, generated from the lists in ast.h so they cannot drift. */
#include "compiler/ast.h"

#define NS_X_TEXT(name, text) text,
const char *const ns_qproto_names[NS_QP_COUNT] = {NS_QPROTO_LIST(NS_X_TEXT)};
const char *const ns_qdir_names[NS_QD_COUNT] = {NS_QDIR_LIST(NS_X_TEXT)};
const char *const ns_qtype_names[NS_QT_COUNT] = {NS_QTYPE_LIST(NS_X_TEXT)};
#undef NS_X_TEXT
