/* placeholder: being written */
typedef int ppaudit_placeholder_t;
