//! The plan validator: document in, findings and (when no error) a typed plan out (§2-7, §11.2).
