@'
here { ( [
'@
$x = @"
$(1 + (2 * 3)) "quoted" `$
"@
<# block { #> # line ( 
${odd name} = ‘typographic’ + “quotes” –and 1
