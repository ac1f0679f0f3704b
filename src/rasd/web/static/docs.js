/* Swagger UI for rasd's OpenAPI document, from the locally served swagger-ui assets (no CDN). */
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true, tryItOutEnabled: true });
});
