//! `--resume`: the sources a previous run already wrote.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, BufRead, Seek};
use std::path::Path;

/// The sources already present in a JSONL output, for `--resume`, kept as
/// 64-bit hashes so memory stays small for long runs. A last line cut short
/// by a crash is removed from the file so that appending keeps it valid.
#[derive(Debug, Default)]
pub struct Done {
    seen: HashSet<u64>,
}

impl Done {
    /// Read `path` (a missing file is an empty one) and trim a torn last line.
    pub fn load(path: &Path) -> io::Result<Done> {
        let mut done = Done::default();
        let file = match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
        {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(done),
            Err(e) => return Err(e),
        };
        #[derive(serde::Deserialize)]
        struct SourceOnly {
            source: String,
        }
        let mut reader = io::BufReader::new(&file);
        let mut line = Vec::new();
        let mut good_len = 0u64;
        loop {
            line.clear();
            let n = reader.read_until(b'\n', &mut line)?;
            if n == 0 {
                break;
            }
            let complete = line.ends_with(b"\n");
            match serde_json::from_slice::<SourceOnly>(&line) {
                Ok(rec) if complete => {
                    done.seen.insert(hash(&rec.source));
                    good_len += n as u64;
                }
                // A complete line that is not a record is kept as it is.
                Err(_) if complete => good_len += n as u64,
                _ => break,
            }
        }
        let len = file.metadata()?.len();
        if good_len < len {
            file.set_len(good_len)?;
        }
        let mut f = &file;
        f.seek(io::SeekFrom::End(0))?;
        Ok(done)
    }

    /// Whether a record for this source is already there.
    pub fn contains(&self, source: &str) -> bool {
        self.seen.contains(&hash(source))
    }
}

fn hash(source: &str) -> u64 {
    let mut h = DefaultHasher::new();
    source.hash(&mut h);
    h.finish()
}
