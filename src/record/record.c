/* placeholder: replaced by the record implementation */
typedef int as_placeholder_record;
