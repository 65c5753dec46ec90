//! The IP plan: per peering, family and link, which address goes where (§2, §10).
