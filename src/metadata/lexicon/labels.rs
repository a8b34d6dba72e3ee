//! Words written before a date that say what it is (see `dates/labels.rs`).

/// Words that make the date after them an update (the last such label
/// before a date wins over a publication word).
pub(crate) const UPDATED_WORDS: &[&str] = &[
    "updated",
    "update",
    "modified",
    "revised",
    "edited",
    "last updated",
    "last post",
    "last reply",
    "last activity",
    "latest reply",
    "latest post",
    "aktualisiert",
    "geändert",
    "mis à jour",
    "mise à jour",
    "modifié",
    "actualizado",
    "actualización",
    "atualizado",
    "atualização",
    "aggiornato",
    "aggiornamento",
    "обновлено",
    "изменено",
    "更新",
    "수정",
    "업데이트",
    "bijgewerkt",
    "uppdaterad",
    "oppdatert",
    "opdateret",
    "uppfært",
    "päivitetty",
    "zaktualizowano",
    "aktualizováno",
    "güncellendi",
    "frissítve",
    "akt.:",
];

/// Words that make the date after them the publication.
pub(crate) const PUBLISHED_WORDS: &[&str] = &[
    "published",
    "posted",
    "publish",
    "written",
    "created",
    "veröffentlicht",
    "erschienen",
    "publié",
    "publiée",
    "publicado",
    "publicada",
    "pubblicato",
    "опубликовано",
    "发布",
    "發佈",
    "發表",
    "公開",
    "投稿",
    "게시",
    "입력",
    "publicerad",
    "publisert",
    "publiceret",
    "julkaistu",
    "opublikowano",
    "publikováno",
    "yayınlandı",
];

/// Words that name a publication date only when no "updated" precedes
/// them: "Updated on March 4" is an update.
pub(crate) const WEAK_PUBLISHED_WORDS: &[&str] = &["on ", "date:"];

/// Words that mark a date as something other than the publication time.
pub(crate) const NOT_PUBLICATION_WORDS: &[&str] = &[
    "©",
    "copyright",
    "(c)",
    "all rights",
    "born",
    "event",
    "deadline",
    "expires",
    "valid until",
    "ends",
    "starts",
    "since",
    // An issue's date names the print edition, not the article's own
    // publication ("Aus: Ausgabe vom 26.04.2024").
    "ausgabe vom",
    "print edition",
    "issue of",
    "édition du",
];
