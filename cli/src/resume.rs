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

/// Cut a gzip-per-record WARC file back to its last whole gzip member, so
/// that a resumed run can append to it: a run killed outright (SIGKILL, a
/// lost node) can leave a member half-written, and appending after it would
/// hide every later record from readers. Returns the bytes cut. A file that
/// is not gzip is left as it is.
pub fn trim_torn_gzip_members(path: &Path) -> io::Result<u64> {
    let file = match std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    let mut reader = io::BufReader::new(&file);
    if !reader.fill_buf()?.starts_with(&[0x1F, 0x8B]) {
        return Ok(0);
    }
    let mut good = 0u64;
    while !reader.fill_buf()?.is_empty() {
        let mut member = flate2::bufread::GzDecoder::new(&mut reader);
        if io::copy(&mut member, &mut io::sink()).is_err() {
            break;
        }
        good = reader.stream_position()?;
    }
    drop(reader);
    if good < len {
        file.set_len(good)?;
    }
    Ok(len - good)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn member(text: &str) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(text.as_bytes()).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn a_torn_last_member_is_cut_and_whole_ones_kept() {
        let dir = std::env::temp_dir().join(format!("gleaner-trim-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.warc.gz");
        let (a, b) = (member("WARC/1.1 one"), member("WARC/1.1 two"));
        let mut bytes = [a.clone(), b.clone()].concat();
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(trim_torn_gzip_members(&path).unwrap(), 0);
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
        let torn = member("WARC/1.1 three, cut off");
        bytes.extend_from_slice(&torn[..torn.len() / 2]);
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(
            trim_torn_gzip_members(&path).unwrap(),
            (torn.len() / 2) as u64
        );
        assert_eq!(std::fs::read(&path).unwrap(), [a, b].concat());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
