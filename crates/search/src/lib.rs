//! placeholder: the catalogue search index (see issue 4)
