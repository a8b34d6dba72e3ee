//! Attribute names on `<svg>` and `<math>` as html5ever records them: SVG's
//! camel-case names, MathML's `definitionURL`, and namespaced attributes by
//! their local name (`xlink:href` is `href`, `xml:lang` is `lang`).

/// The local name html5ever gives attribute `name` on an SVG (`svg`) or
/// MathML element, when it differs from `name`.
pub(super) fn adjusted(name: &str, svg: bool) -> Option<&'static str> {
    let foreign = match name {
        "xlink:actuate" => Some("actuate"),
        "xlink:arcrole" => Some("arcrole"),
        "xlink:href" => Some("href"),
        "xlink:role" => Some("role"),
        "xlink:show" => Some("show"),
        "xlink:title" => Some("title"),
        "xlink:type" => Some("type"),
        "xml:lang" => Some("lang"),
        "xml:space" => Some("space"),
        "xmlns:xlink" => Some("xlink"),
        _ => None,
    };
    if foreign.is_some() {
        return foreign;
    }
    if !svg {
        return (name == "definitionurl").then_some("definitionURL");
    }
    SVG.iter().find(|(k, _)| *k == name).map(|&(_, v)| v)
}

const SVG: &[(&str, &str)] = &[
    ("attributename", "attributeName"),
    ("attributetype", "attributeType"),
    ("basefrequency", "baseFrequency"),
    ("baseprofile", "baseProfile"),
    ("calcmode", "calcMode"),
    ("clippathunits", "clipPathUnits"),
    ("diffuseconstant", "diffuseConstant"),
    ("edgemode", "edgeMode"),
    ("filterunits", "filterUnits"),
    ("glyphref", "glyphRef"),
    ("gradienttransform", "gradientTransform"),
    ("gradientunits", "gradientUnits"),
    ("kernelmatrix", "kernelMatrix"),
    ("kernelunitlength", "kernelUnitLength"),
    ("keypoints", "keyPoints"),
    ("keysplines", "keySplines"),
    ("keytimes", "keyTimes"),
    ("lengthadjust", "lengthAdjust"),
    ("limitingconeangle", "limitingConeAngle"),
    ("markerheight", "markerHeight"),
    ("markerunits", "markerUnits"),
    ("markerwidth", "markerWidth"),
    ("maskcontentunits", "maskContentUnits"),
    ("maskunits", "maskUnits"),
    ("numoctaves", "numOctaves"),
    ("pathlength", "pathLength"),
    ("patterncontentunits", "patternContentUnits"),
    ("patterntransform", "patternTransform"),
    ("patternunits", "patternUnits"),
    ("pointsatx", "pointsAtX"),
    ("pointsaty", "pointsAtY"),
    ("pointsatz", "pointsAtZ"),
    ("preservealpha", "preserveAlpha"),
    ("preserveaspectratio", "preserveAspectRatio"),
    ("primitiveunits", "primitiveUnits"),
    ("refx", "refX"),
    ("refy", "refY"),
    ("repeatcount", "repeatCount"),
    ("repeatdur", "repeatDur"),
    ("requiredextensions", "requiredExtensions"),
    ("requiredfeatures", "requiredFeatures"),
    ("specularconstant", "specularConstant"),
    ("specularexponent", "specularExponent"),
    ("spreadmethod", "spreadMethod"),
    ("startoffset", "startOffset"),
    ("stddeviation", "stdDeviation"),
    ("stitchtiles", "stitchTiles"),
    ("surfacescale", "surfaceScale"),
    ("systemlanguage", "systemLanguage"),
    ("tablevalues", "tableValues"),
    ("targetx", "targetX"),
    ("targety", "targetY"),
    ("textlength", "textLength"),
    ("viewbox", "viewBox"),
    ("viewtarget", "viewTarget"),
    ("xchannelselector", "xChannelSelector"),
    ("ychannelselector", "yChannelSelector"),
    ("zoomandpan", "zoomAndPan"),
];
