/* placeholder: replaced by the module implementation */
typedef int as_placeholder_store;
