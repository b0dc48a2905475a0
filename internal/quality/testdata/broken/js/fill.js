// Text that only exists with JavaScript, which a page must never need.
document.getElementById("filled").textContent = "Only with JavaScript.";
